// Former members, through the API against the real worker and sqld: leaving, a kick and a ban keep the person's
// messages and conversations; their member row stays (left: true) and grants nothing; joining again by invite makes
// the same row current again; the other member of a conversation still reads it and may no longer post.
import { beforeAll, describe, expect, it } from "vitest";
import type { Conversation, Member, Message, Page, ServerView } from "../contract";
import { memberKey } from "../contract";
import { call, createServer, dm, join, memberOf, signUp, type Person } from "./helpers";
import { join as joinRoom } from "./rooms";

const say = (p: Person, server: ServerView, content: string) =>
  call<Message>(`/api/socket/messages?serverId=${server.id}&channelId=${server.channels[0].id}`, { method: "POST", token: p.token, body: { content } });
const history = (p: Person, server: ServerView) => call<Page<Message>>(`/api/messages?channelId=${server.channels[0].id}&limit=100`, { token: p.token });

async function scene(name: string) {
  const [owner, carol] = await Promise.all([signUp(`${name} owner`), signUp(`${name} Carol`)]);
  let server = await createServer(owner, name);
  server = await join(carol, server);
  const carolMember = memberOf(server, carol);
  const conversation = (await call<Conversation>("/api/conversations", { method: "POST", token: owner.token, body: { serverId: server.id, memberId: carolMember.id } })).body;
  const said = (await say(carol, server, `${name}: Carol was here`)).body;
  const whispered = (await dm(carol, conversation, `${name}: a word in private`)).body;
  return { owner, carol, server, carolMember, conversation, said, whispered };
}

const ways = {
  leave: (s: Awaited<ReturnType<typeof scene>>) => call(`/api/servers/${s.server.id}/leave`, { method: "PATCH", token: s.carol.token }),
  kick: (s: Awaited<ReturnType<typeof scene>>) => call(`/api/members/${s.carolMember.id}?serverId=${s.server.id}`, { method: "DELETE", token: s.owner.token }),
  ban: (s: Awaited<ReturnType<typeof scene>>) => call(`/api/servers/${s.server.id}/bans/${s.carol.profile.id}`, { method: "PUT", token: s.owner.token, body: {} }),
};

describe.each(Object.entries(ways))("after a %s", (way, remove) => {
  let s: Awaited<ReturnType<typeof scene>>;
  let versionBefore: number;
  beforeAll(async () => {
    s = await scene(`Former ${way}`);
    versionBefore = Math.max(s.said.version, s.whispered.version);
    expect((await remove(s)).status).toBe(200);
  });

  it("keeps their messages, shown with their name and left: true, and after= reports nothing deleted", async () => {
    const page = await history(s.owner, s.server);
    const theirs = page.body.items.find((m) => m.id === s.said.id)!;
    expect(theirs).toMatchObject({ content: s.said.content, deleted: false, memberId: s.carolMember.id });
    expect(theirs.member).toMatchObject({ id: s.carolMember.id, left: true, profile: { name: `Former ${way} Carol` } });
    const changes = await call<Page<Message>>(`/api/messages?channelId=${s.server.channels[0].id}&after=${versionBefore}`, { token: s.owner.token });
    expect(changes.body.items).toEqual([]);
  });

  it("keeps the conversation for the other member, read-only, and no longer lists them", async () => {
    const read = await call<Page<Message>>(`/api/direct-messages?conversationId=${s.conversation.id}&limit=10`, { token: s.owner.token });
    expect(read.status).toBe(200);
    expect(read.body.items.map((m) => m.id)).toEqual([s.whispered.id]);
    const posted = await dm(s.owner, s.conversation, "are you there?");
    expect(posted.status).toBe(403);
    expect(posted.body).toEqual({ error: expect.stringMatching(/left/) });
    const view = (await call<ServerView>(`/api/servers/${s.server.id}`, { token: s.owner.token })).body;
    expect(view.members.map((m) => m.profileId)).toEqual([s.owner.profile.id]);
    // the conversation they had opens as before, showing them as a former member; nobody starts a new one
    const reopened = await call<Conversation>("/api/conversations", { method: "POST", token: s.owner.token, body: { serverId: s.server.id, memberId: s.carolMember.id } });
    expect(reopened.status).toBe(200);
    expect(reopened.body.id).toBe(s.conversation.id);
    expect([reopened.body.memberOne, reopened.body.memberTwo].find((m) => m.id === s.carolMember.id)).toMatchObject({ left: true });
    const stranger = await signUp(`${way} newcomer`);
    const withNewcomer = await join(stranger, s.server);
    expect((await call(`/api/servers/${s.server.id}/leave`, { method: "PATCH", token: stranger.token })).status).toBe(200);
    expect((await call("/api/conversations", { method: "POST", token: s.owner.token, body: { serverId: s.server.id, memberId: memberOf(withNewcomer, stranger).id } })).status).toBe(404);
  });

  it("grants them nothing: the server, its messages, the conversation and the rooms are 404", async () => {
    expect((await call(`/api/servers/${s.server.id}`, { token: s.carol.token })).status).toBe(404);
    expect((await history(s.carol, s.server)).status).toBe(404);
    expect((await call(`/api/direct-messages?conversationId=${s.conversation.id}`, { token: s.carol.token })).status).toBe(404);
    expect((await say(s.carol, s.server, "still here?")).status).toBe(404);
    for (const room of [s.server.id, s.server.channels[0].id, s.conversation.id]) {
      expect((await call(`/api/realtime/ticket?room=${room}`, { token: s.carol.token })).status).toBe(404);
    }
    expect((await call("/api/servers", { token: s.carol.token })).body).toEqual([]);
  });
});

describe("joining again", () => {
  it("makes the same member row current again, as GUEST, with their history theirs", async () => {
    const s = await scene("Returning");
    await call(`/api/members/${s.carolMember.id}?serverId=${s.server.id}`, { method: "PATCH", token: s.owner.token, body: { role: "MODERATOR" } });
    expect((await ways.leave(s)).status).toBe(200);
    const back = await join(s.carol, s.server);
    const again = memberOf(back, s.carol);
    expect(again).toMatchObject({ id: s.carolMember.id, role: "GUEST", left: false });
    const page = await history(s.carol, s.server);
    expect(page.body.items.find((m) => m.id === s.said.id)?.member).toMatchObject({ id: s.carolMember.id, left: false });
    // and the conversation takes messages again
    expect((await dm(s.owner, s.conversation, "welcome back")).status).toBe(201);
  });
});

describe("the conversation's room", () => {
  it("tells its live reader that the other member left", async () => {
    const s = await scene("Live leave");
    const reader = await joinRoom(s.owner, s.conversation.id);
    expect((await ways.kick(s)).status).toBe(200);
    const frame = await reader.next((f) => f.key === memberKey(s.conversation.id));
    expect(frame.data as unknown as Member).toMatchObject({ id: s.carolMember.id, left: true, profileId: s.carol.profile.id });
    reader.close();
  });
});
