// The rooms' Durable Object class, as wrangler.toml names it: party/room.ts's room, with its one question (who may
// be here, and whose sessions still live) answered from the database by the same rule as tickets (whoMayEnterRoom).
import { Room } from "../../party/room";
import type { Bindings } from "../env";
import { getDb } from "../db/client";
import { whoMayEnterRoom } from "../db/queries/rooms";
import { liveSessionsAmong } from "../db/queries/sessions";

export class ChatRoom extends Room<Bindings> {
  protected mayEnter(roomId: string, profileIds: string[]): Promise<Set<string>> {
    return whoMayEnterRoom(getDb(this.env.DATABASE_URL, this.env.DATABASE_AUTH_TOKEN), roomId, profileIds);
  }

  protected liveSessions(sessionIds: string[]): Promise<Set<string>> {
    return liveSessionsAmong(getDb(this.env.DATABASE_URL, this.env.DATABASE_AUTH_TOKEN), sessionIds);
  }
}
