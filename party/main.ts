// One room per channel or conversation (placeholder until the realtime issue lands).
import type * as Party from "partykit/server";

export default class ChatRoom implements Party.Server {
  constructor(readonly room: Party.Room) {}
  onRequest() {
    return new Response("ok");
  }
}
