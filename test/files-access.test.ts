// Who may read an uploaded file, and what may show one, through the API against the real worker, sqld and R2:
// the uploader; whoever may read a message or a profile that uses it; anyone signed in for a server's current image;
// nobody else (404, as for no file).
import { beforeAll, describe, expect, it } from "vitest";
import type { Conversation, Message, ServerView } from "../contract";
import { call, createServer, join, memberOf, signUp, snapshot, upload, workerUrl, type Person } from "./helpers";

const read = async (url: string, p: Person) => (await fetch(`${workerUrl}${url}`, { headers: { authorization: `Bearer ${p.token}` } })).status;

let ann: Person, bob: Person, eve: Person;
let server: ServerView;
let q: string;
beforeAll(async () => {
  [ann, bob, eve] = await Promise.all([signUp("Ann"), signUp("Bob"), signUp("Eve")]);
  server = await createServer(ann, "Files");
  server = await join(bob, server);
  await createServer(eve, "Elsewhere"); // eve is in no server with ann or bob
  q = `serverId=${server.id}&channelId=${server.channels[0].id}`;
});

describe("GET /api/files/:key", () => {
  it("is for the uploader until a message uses the file, then for whoever may read the message", async () => {
    const url = await upload(ann);
    expect(await read(url, ann)).toBe(200);
    expect(await read(url, bob)).toBe(404);
    const sent = await call<Message>(`/api/socket/messages?${q}`, { method: "POST", token: ann.token, body: { content: "look", fileUrl: url } });
    expect(sent.status).toBe(201);
    expect(await read(url, bob)).toBe(200);
    expect(await read(url, eve)).toBe(404);
    // deleted, the message uses no file: back to the uploader alone
    expect((await call(`/api/socket/messages/${sent.body.id}?${q}`, { method: "DELETE", token: ann.token })).status).toBe(200);
    expect(await read(url, bob)).toBe(404);
    expect(await read(url, ann)).toBe(200);
  });

  it("follows a direct message to its two members", async () => {
    const dmFile = await upload(bob);
    const conversation = (await call<Conversation>("/api/conversations", { method: "POST", token: bob.token, body: { serverId: server.id, memberId: memberOf(server, ann).id } })).body;
    expect((await call(`/api/socket/direct-messages?conversationId=${conversation.id}`, { method: "POST", token: bob.token, body: { content: "", fileUrl: dmFile } })).status).toBe(201);
    expect(await read(dmFile, ann)).toBe(200);
    expect(await read(dmFile, eve)).toBe(404);
  });

  it("serves a server's current image to anyone signed in, as invite previews show it; a former image is its uploader's again", async () => {
    const image = await upload(ann);
    expect(await read(image, eve)).toBe(404);
    expect((await call(`/api/servers/${server.id}`, { method: "PATCH", token: ann.token, body: { imageUrl: image } })).status).toBe(200);
    expect(await read(image, bob)).toBe(200);
    expect(await read(image, eve)).toBe(200); // in no server with ann: what the invite page of "Files" shows her
    expect((await fetch(`${workerUrl}${image}`)).status).toBe(401);
    const next = await upload(ann);
    expect((await call(`/api/servers/${server.id}`, { method: "PATCH", token: ann.token, body: { imageUrl: next } })).status).toBe(200);
    expect(await read(next, eve)).toBe(200);
    expect(await read(image, eve)).toBe(404);
    expect(await read(image, bob)).toBe(404);
    expect(await read(image, ann)).toBe(200);
  });

  it("closes to a member who was kicked", async () => {
    const carl = await signUp("Carl");
    const view = await join(carl, server);
    const url = await upload(ann);
    await call(`/api/socket/messages?${q}`, { method: "POST", token: ann.token, body: { content: "", fileUrl: url } });
    expect(await read(url, carl)).toBe(200);
    expect((await call(`/api/members/${memberOf(view, carl).id}?serverId=${server.id}`, { method: "DELETE", token: ann.token })).status).toBe(200);
    expect(await read(url, carl)).toBe(404);
  });
});

describe("what may show a file", () => {
  it("a message attaches only its author's upload", async () => {
    const annsFile = await upload(ann);
    const before = await snapshot();
    const res = await call(`/api/socket/messages?${q}`, { method: "POST", token: bob.token, body: { content: "mine now", fileUrl: annsFile } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/uploads/);
    expect(await snapshot()).toBe(before);
  });

  it("a server's image is an upload of the caller, never an outside url", async () => {
    const before = await snapshot();
    for (const imageUrl of ["https://example.com/a.png", "http://example.com/a.png", "//example.com/a.png", "data:image/png;base64,AAAA", await upload(eve)]) {
      const made = await call("/api/servers", { method: "POST", token: ann.token, body: { name: "Imaged", imageUrl } });
      expect(made.status, imageUrl).toBe(400);
      const changed = await call(`/api/servers/${server.id}`, { method: "PATCH", token: ann.token, body: { imageUrl } });
      expect(changed.status, imageUrl).toBe(400);
    }
    // eve's upload above is the only change
    expect((await snapshot()).split("\n").filter((t, i) => t !== before.split("\n")[i])).toHaveLength(1);
    const mine = await upload(ann);
    expect((await call<ServerView>("/api/servers", { method: "POST", token: ann.token, body: { name: "Imaged", imageUrl: mine } })).body.imageUrl).toBe(mine);
  });
});
