// What the worker may POST to a room: an event to fan out, or a request to close the sockets of people who lost
// access (kicked, left, server or channel deleted).
import * as v from "valibot";

export const RoomNotice = v.union([
  v.object({ key: v.pipe(v.string(), v.minLength(1), v.maxLength(300)), data: v.record(v.string(), v.unknown()) }),
  v.object({
    close: v.object({ profileIds: v.optional(v.array(v.pipe(v.string(), v.maxLength(64)))), all: v.optional(v.boolean()) }),
  }),
]);
export type RoomNotice = v.InferOutput<typeof RoomNotice>;

/** Close codes the client understands: don't reconnect with 4003, the person may no longer be here. */
export const CLOSE_REMOVED = 4003;
