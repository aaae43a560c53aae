// No races: a ban and a join decide in one transaction, and the server and channel caps are counted inside the
// insert. Each race sends 30 requests at once and runs 20 times, each time with fresh people.
import { describe, expect, it } from "vitest";
import type { ServerView } from "../contract";
import { CHANNELS_PER_SERVER_MAX, SERVERS_PER_PERSON_MAX } from "../contract";
import { call, createServer, signUp, sql } from "./helpers";
import type { Person } from "./helpers";

const RUNS = 20;
const RACERS = 30;
/** Waits `ms` (fractions too), spinning for the last millisecond: a timer alone is only as fine as a millisecond. */
async function later(ms: number) {
  const until = performance.now() + ms;
  if (ms > 1) await new Promise((r) => setTimeout(r, ms - 1));
  while (performance.now() < until) await new Promise((r) => setImmediate(r));
}
const count = async (query: string, args: string[]) => Number((await sql.execute({ sql: query, args })).rows[0].n);

describe("a ban racing joins", () => {
  it("ends banned and not a member, whichever comes first; a join after the ban is 403", { timeout: 90_000 }, async () => {
    const [admin, guest, bystander] = await Promise.all([signUp("Admin"), signUp("Guest"), signUp("Bystander")]);
    // one server a run: the same person races into each
    const servers = await Promise.all(Array.from({ length: RUNS }, (_, run) => createServer(admin, `Bans ${run}`)));
    // How long a ban takes here: the joins start at a later moment in each run, so over the runs the first of
    // them lands at every point of the ban's work (only the first join that gets in can race it).
    const banTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      expect((await call(`/api/servers/${servers[0].id}/bans/${bystander.profile.id}`, { method: "PUT", token: admin.token, body: {} })).status).toBe(200);
      banTimes.push(performance.now() - started);
    }
    const banTime = banTimes.sort((a, b) => a - b)[1];
    for (const [run, server] of servers.entries()) {
      const joinOnce = () => call<ServerView>(`/api/invite/${server.inviteCode}`, { method: "POST", token: guest.token });
      const ban = call(`/api/servers/${server.id}/bans/${guest.profile.id}`, { method: "PUT", token: admin.token, body: {} });
      const start = (banTime * run) / RUNS;
      const joins = Array.from({ length: RACERS - 1 }, (_, i) => later(start + i).then(joinOnce));
      const [banned, ...joined] = await Promise.all([ban, ...joins]);
      expect(banned.status).toBe(200);
      expect(joined.every((j) => j.status === 200 || j.status === 403), JSON.stringify(joined.map((j) => j.status))).toBe(true);
      expect(await count("SELECT count(*) AS n FROM members WHERE server_id = ? AND profile_id = ? AND left = 0", [server.id, guest.profile.id]), `run ${run}`).toBe(0);
      expect((await call(`/api/servers/${server.id}`, { token: guest.token })).status).toBe(404);
      expect((await joinOnce()).status).toBe(403);
    }
  });
});

/** Makes this person a member of `n` servers of someone else's, straight in the database (the API would take long). */
async function memberOfMany(person: Person, host: Person, n: number) {
  const now = new Date().toISOString();
  const tag = crypto.randomUUID();
  await sql.batch(
    Array.from({ length: n }, (_, i) => [
      { sql: "INSERT INTO servers (id, name, invite_code, profile_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)", args: [`s-${tag}-${i}`, `s${i}`, `code-${tag}-${i}`, host.profile.id, now, now] },
      { sql: "INSERT INTO members (id, role, profile_id, server_id, left, created_at, updated_at) VALUES (?, 'GUEST', ?, ?, 0, ?, ?)", args: [`m-${tag}-${i}`, person.profile.id, `s-${tag}-${i}`, now, now] },
    ]).flat(),
    "write",
  );
}

describe("the server cap racing", () => {
  it(`lets exactly ${SERVERS_PER_PERSON_MAX} in when someone in 95 servers creates 30 at once`, { timeout: 90_000 }, async () => {
    const host = await signUp("Host");
    const people = await Promise.all(Array.from({ length: RUNS }, (_, run) => signUp(`Collector ${run}`)));
    // one write batch at a time: twenty at once can wait past sqld's lock timeout on a busy machine (SQLITE_BUSY)
    for (const person of people) await memberOfMany(person, host, SERVERS_PER_PERSON_MAX - 5);
    for (const [run, person] of people.entries()) {
      const answers = await Promise.all(Array.from({ length: RACERS }, (_, i) => call("/api/servers", { method: "POST", token: person.token, body: { name: `race ${i}` } })));
      expect(answers.map((a) => a.status).sort()).toEqual([...Array(5).fill(201), ...Array(RACERS - 5).fill(400)]);
      expect(await count("SELECT count(*) AS n FROM members WHERE profile_id = ? AND left = 0", [person.profile.id]), `run ${run}`).toBe(SERVERS_PER_PERSON_MAX);
      // a refused create left nothing behind: no server without its owner
      expect(await count("SELECT count(*) AS n FROM servers WHERE profile_id = ?", [person.profile.id])).toBe(5);
    }
  });
});

describe("the channel cap racing", () => {
  it(`lets exactly ${CHANNELS_PER_SERVER_MAX} in when a server at 495 channels gets 30 creates at once`, { timeout: 90_000 }, async () => {
    const admin = await signUp("Builder");
    const servers = await Promise.all(Array.from({ length: RUNS }, (_, run) => createServer(admin, `Channels ${run}`)));
    const now = new Date().toISOString();
    await sql.batch(
      servers.flatMap((server) =>
        Array.from({ length: CHANNELS_PER_SERVER_MAX - 6 }, (_, i) => ({
          sql: "INSERT INTO channels (id, name, type, profile_id, server_id, created_at, updated_at) VALUES (?, ?, 'TEXT', ?, ?, ?, ?)",
          args: [`c-${server.id}-${i}`, `c${i}`, admin.profile.id, server.id, now, now],
        })),
      ),
      "write",
    );
    for (const [run, server] of servers.entries()) {
      expect(await count("SELECT count(*) AS n FROM channels WHERE server_id = ?", [server.id])).toBe(CHANNELS_PER_SERVER_MAX - 5);
      const answers = await Promise.all(Array.from({ length: RACERS }, (_, i) => call(`/api/channels?serverId=${server.id}`, { method: "POST", token: admin.token, body: { name: `race-${i}`, type: "TEXT" } })));
      expect(answers.map((a) => a.status).sort()).toEqual([...Array(5).fill(201), ...Array(RACERS - 5).fill(400)]);
      expect(await count("SELECT count(*) AS n FROM channels WHERE server_id = ?", [server.id]), `run ${run}`).toBe(CHANNELS_PER_SERVER_MAX);
    }
  });
});
