// Column helpers shared by every table: time-sortable text ids and ISO timestamps.
import { text } from "drizzle-orm/sqlite-core";
import { newId } from "../../ids";

export const id = () => text("id").primaryKey().$defaultFn(newId);

const now = () => new Date().toISOString();
export const timestamps = {
  createdAt: text("created_at").notNull().$defaultFn(now),
  updatedAt: text("updated_at").notNull().$defaultFn(now).$onUpdateFn(now),
};
