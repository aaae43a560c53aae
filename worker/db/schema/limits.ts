// What the rate limits count that no other table holds (worker/db/queries/rates.ts): one row per counted event.
import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { id } from "./columns";

/**
 * One counted event of a limit: `bucket` names the limit and whose it is (`search:<profileId>`,
 * `reactions:<profileId>:<roomId>`, `sign-up:<address>` …). A limit counts its bucket's rows inside its window;
 * the write it guards adds the row in the same transaction, and rows that left the window are removed on the way.
 */
export const rateEvents = sqliteTable(
  "rate_events",
  {
    id: id(),
    bucket: text("bucket").notNull(),
    at: text("at").notNull(),
  },
  (t) => [index("rate_events_bucket_at_idx").on(t.bucket, t.at)],
);
