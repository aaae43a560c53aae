// Who is in which call right now, as LiveKit's webhooks report it. The room id is a channel id or a
// conversation id (the LiveKit room name), so it has no foreign key; rows of a finished room are cleared.
import { index, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { profiles } from "./profiles";

export const callParticipants = sqliteTable(
  "call_participants",
  {
    roomId: text("room_id").notNull(),
    profileId: text("profile_id").notNull().references(() => profiles.id, { onDelete: "cascade" }),
    /** when LiveKit saw the join (ISO); a late `participant_left` of an earlier session must not remove a newer one */
    joinedAt: text("joined_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.profileId] }), index("call_participants_profile_idx").on(t.profileId)],
);
