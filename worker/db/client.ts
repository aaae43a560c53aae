// One libSQL client per isolate and database: it talks HTTP, so reusing it keeps connections warm.
import { createClient } from "@libsql/client/web";
import { drizzle } from "drizzle-orm/libsql/web";
import * as schema from "./schema";
import type { Db } from "../env";

const cache = new Map<string, Db>();

export function getDb(url: string, authToken?: string): Db {
  const key = `${url}\n${authToken ?? ""}`;
  let db = cache.get(key);
  if (!db) {
    db = drizzle(createClient({ url, authToken }), { schema });
    cache.set(key, db);
  }
  return db;
}
