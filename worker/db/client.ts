// A libSQL client per request. Workers forbid one request's I/O from being finished by another, and
// @libsql/client queues statements past 20 in flight: a client shared by the isolate would let a queued
// statement start inside another request, which the runtime cancels. Creating one is cheap (it talks HTTP,
// and the runtime pools the connections underneath).
import { createClient } from "@libsql/client/web";
import { drizzle } from "drizzle-orm/libsql/web";
import * as schema from "./schema";
import type { Db } from "../env";

export function getDb(url: string, authToken?: string): Db {
  return drizzle(createClient({ url, authToken }), { schema });
}
