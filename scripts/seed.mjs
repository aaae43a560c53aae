// Demo data for a fresh database, made through the product's own public HTTP API (never SQL), so it is exactly what
// a user could have made. Run by `npm run dev`; alone: `node scripts/seed.mjs http://127.0.0.1:8787`.
import { pathToFileURL } from "node:url";

export const DEMO_USERS = [
  { email: "ada@demo.edgecord.dev", password: "lovelace123", name: "Ada Lovelace" },
  { email: "grace@demo.edgecord.dev", password: "hopper123", name: "Grace Hopper" },
  { email: "alan@demo.edgecord.dev", password: "turing123", name: "Alan Turing" },
];
export const DEMO_SERVER = "Edgecord Demo";

const CHANNELS = [
  { name: "random", type: "TEXT" },
  { name: "Lounge", type: "AUDIO" },
  { name: "Stand-up", type: "VIDEO" },
];

/** [author index, text]: a short, friendly conversation in #general. */
const GENERAL = [
  [0, "Welcome to Edgecord! This server runs on Cloudflare Workers, Durable Objects and libSQL."],
  [1, "Hi Ada! Messages show up live in every open tab: try it in two windows."],
  [2, "Hello both. I'll hang around in #random and the Lounge."],
  [0, "Grace moderates here now, so be kind to each other."],
  [1, "You can edit or delete your own messages; moderators can remove any."],
];
const DIRECT = [
  [0, "Grace, thanks for helping out with the demo server."],
  [1, "Any time, Ada. Ping me here if you need anything."],
];

class ApiError extends Error {
  constructor(method, path, status, body) {
    super(`${method} ${path} answered ${status}: ${body?.error ?? JSON.stringify(body)}`);
    this.status = status;
  }
}

function client(baseUrl) {
  return async function call(method, path, { token, body } = {}) {
    let res;
    try {
      res = await fetch(new URL(path, baseUrl), {
        method,
        headers: {
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
    } catch (e) {
      throw new Error(`cannot reach the worker at ${baseUrl} (${e.cause?.code ?? e.cause?.message ?? e.message}); is it running?`);
    }
    const text = await res.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = { error: text.slice(0, 200) };
    }
    if (!res.ok) throw new ApiError(method, path, res.status, data);
    return data;
  };
}

/**
 * Seeds the demo data unless it is there already. Returns "skipped" or "seeded".
 * Message routes that answer 404 (not there yet) are logged and passed over.
 */
export async function seed(baseUrl, log = console.log) {
  const call = client(baseUrl);
  const [first] = DEMO_USERS;

  // Data exists: the first demo user can sign in and already has the demo server.
  try {
    const { token } = await call("POST", "/api/auth/sign-in", { body: { email: first.email, password: first.password } });
    const servers = await call("GET", "/api/servers", { token });
    if (servers.some((s) => s.name === DEMO_SERVER)) {
      log(`demo data exists (${first.email} signs in), skipped`);
      return "skipped";
    }
    log(`${first.email} exists but has no "${DEMO_SERVER}" server: finishing the seed`);
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) throw e;
  }

  // Sign up, or sign in whoever an earlier, interrupted seed already made.
  const users = [];
  for (const user of DEMO_USERS) {
    let auth;
    try {
      auth = await call("POST", "/api/auth/sign-up", { body: user });
      log(`signed up ${user.name} <${user.email}>`);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 409)) throw e;
      auth = await call("POST", "/api/auth/sign-in", { body: { email: user.email, password: user.password } });
    }
    users.push({ ...user, token: auth.token, profileId: auth.profile.id });
  }
  const [ada, grace] = users;

  let view = await call("POST", "/api/servers", { token: ada.token, body: { name: DEMO_SERVER } });
  const serverId = view.id;
  log(`${ada.name} created "${DEMO_SERVER}" (invite code ${view.inviteCode})`);
  for (const channel of CHANNELS) {
    view = await call("POST", `/api/channels?serverId=${serverId}`, { token: ada.token, body: channel });
  }
  log(`channels: ${view.channels.map((c) => `${c.name} (${c.type})`).join(", ")}`);

  for (const user of users.slice(1)) {
    view = await call("POST", `/api/invite/${view.inviteCode}`, { token: user.token });
    log(`${user.name} joined by invite`);
  }
  const memberOf = (user) => view.members.find((m) => m.profileId === user.profileId);
  view = await call("PATCH", `/api/members/${memberOf(grace).id}?serverId=${serverId}`, {
    token: ada.token,
    body: { role: "MODERATOR" },
  });
  log(`${grace.name} is now a MODERATOR`);

  const general = view.channels.find((c) => c.name === "general");
  await post(log, "#general", GENERAL, (i, content) =>
    call("POST", `/api/socket/messages?serverId=${serverId}&channelId=${general.id}`, {
      token: users[i].token,
      body: { content },
    }),
  );

  const conversation = await call("POST", "/api/conversations", {
    token: ada.token,
    body: { serverId, memberId: memberOf(grace).id },
  });
  log(`${ada.name} and ${grace.name} have a direct conversation`);
  await post(log, "the direct conversation", DIRECT, (i, content) =>
    call("POST", `/api/socket/direct-messages?conversationId=${conversation.id}`, {
      token: users[i].token,
      body: { content },
    }),
  );
  return "seeded";
}

/** Sends the lines in order; a 404 (the message routes are not there yet) ends the attempt with a note, not an error. */
async function post(log, where, lines, send) {
  let count = 0;
  for (const [i, content] of lines) {
    try {
      await send(i, content);
      count++;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        log(`no messages in ${where}: ${e.message} (the message routes may not exist yet)`);
        return count;
      }
      throw e;
    }
  }
  log(`${count} messages in ${where}`);
  return count;
}

export function describeAccounts() {
  return DEMO_USERS.map((u) => `${u.email.padEnd(26)} password ${u.password.padEnd(12)} ${u.name}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const baseUrl = process.argv[2] ?? "http://127.0.0.1:8787";
  seed(baseUrl)
    .then(() => {
      console.log("demo accounts:");
      for (const line of describeAccounts()) console.log(`  ${line}`);
    })
    .catch((e) => {
      console.error(`seed failed: ${e.message}`);
      process.exitCode = 1;
    });
}
