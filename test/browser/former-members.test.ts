// Former members in the browser: their messages stay in the channel with their name and a quiet mark, and a
// conversation with someone who was kicked turns read-only live, as its room tells the other member.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { Conversation } from "../../contract";
import { call, channelQuery, createServer, join, memberOf, seedMessage } from "../helpers";
import { launch, signedIn } from "./browser";
import { channelUrl, live, message, messages } from "./chat";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe("former members (browser)", () => {
  it("keeps a former member's messages with their name and a 'left the server' mark", async () => {
    const ann = await signedIn(browser, "Ann");
    const carolView = await signedIn(browser, "Carol");
    let server = await createServer(ann.person, "Keepers");
    server = await join(carolView.person, server);
    await seedMessage(carolView.person, channelQuery(server), "I said this before leaving");
    expect((await call(`/api/servers/${server.id}/leave`, { method: "PATCH", token: carolView.person.token })).status).toBe(200);

    await ann.page.goto(channelUrl(server));
    await message(ann.page, "I said this before leaving").waitFor();
    const item = messages(ann.page).getByRole("listitem").filter({ hasText: "I said this before leaving" });
    await item.getByText("Carol", { exact: true }).waitFor();
    await item.getByTestId("left-mark").waitFor();
    expect(await item.getByTestId("left-mark").textContent()).toBe("left the server");
    expect(ann.errors).toEqual([]);
    await Promise.all([ann.context.close(), carolView.context.close()]);
  });

  it("turns a conversation read-only, live, when the other member is kicked", async () => {
    const ann = await signedIn(browser, "Ann");
    const { person: dave, context } = await signedIn(browser, "Dave");
    let server = await createServer(ann.person, "Kickers");
    server = await join(dave, server);
    const daveMember = memberOf(server, dave);
    const conversation = (await call<Conversation>("/api/conversations", { method: "POST", token: ann.person.token, body: { serverId: server.id, memberId: daveMember.id } })).body;
    await call(`/api/socket/direct-messages?conversationId=${conversation.id}`, { method: "POST", token: dave.token, body: { content: "hello from Dave" } });

    await ann.page.goto(`/servers/${server.id}/conversations/${daveMember.id}`);
    await message(ann.page, "hello from Dave").waitFor();
    await live(ann.page);
    await ann.page.getByRole("textbox", { name: "Message Dave" }).waitFor();
    expect((await call(`/api/members/${daveMember.id}?serverId=${server.id}`, { method: "DELETE", token: ann.person.token })).status).toBe(200);
    await ann.page.getByRole("status").filter({ hasText: "Dave left the server. You can read this conversation, but not reply." }).waitFor();
    await expect.poll(() => ann.page.getByRole("textbox", { name: "Message Dave" }).count()).toBe(0);
    await messages(ann.page).getByTestId("left-mark").waitFor();
    await message(ann.page, "hello from Dave").waitFor();
    expect(ann.errors).toEqual([]);
    await Promise.all([ann.context.close(), context.close()]);
  });
});
