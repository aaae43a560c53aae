// Variant checkouts for `npm run bench -- --variants`: HEAD of this repository in `git worktree`s outside it, each
// patched in one place, to measure a design choice instead of assuming it. Nothing is committed; `remove()` deletes
// the worktrees (and git's record of them). node_modules and web/dist are symlinked from this checkout. The
// features part (bench/features.mjs) makes its activity baseline here too, with the checkout's uncommitted files.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";

const here = path.resolve(import.meta.dirname, "..");

/** Each variant: a name (the target's, in the tables), what it tests, and exact text replacements in files. */
export const VARIANTS = [
  {
    name: "bare-room",
    what: "the product with a bare hibernating Durable Object (party/bare-room.ts) in place of its room: same bundle, door, RPC and POST; the room sends each frame it is given to every socket and nothing else",
    patches: [{ file: "worker/index.ts", from: `export { ChatRoom } from "./realtime/chat-room";`, to: `export { BareRoom as ChatRoom } from "../party/bare-room";` }],
  },
  {
    name: "product-unbatched",
    what: "the room without batching: each event its own frame, sent from inside its notice (the send loop no longer yields a turn for what piled up behind it)",
    patches: [{ file: "party/sender.ts", from: "        await nextTurn();\n", to: "" }],
  },
  {
    name: "product-unpaced",
    what: "a server's activity events sent as every other event (publish instead of publishPassive): one frame per message to every member",
    patches: [{ file: "worker/realtime/index.ts", from: "await (passive ? stub.publishPassive(frame) : stub.publish(frame, place));", to: "await stub.publish(frame, place);" }],
  },
  {
    name: "product+deflate",
    what: "the door returns the room's 101 as it is (no declining header), so a client's permessage-deflate offer can be accepted",
    patches: [
      {
        file: "worker/realtime/door.ts",
        from: `.then((res) => (res?.status === 101 && res.webSocket ? uncompressed(res.webSocket) : res));`,
        to: `.then((res) => res);`,
      },
    ],
  },
];

/**
 * Not a fan-out variant (so not in VARIANTS): the baseline of the activity scenario (bench/features.mjs), HEAD without
 * the server room's activity events, everything else the same.
 */
export const WITHOUT_ACTIVITY = {
  name: "product-no-activity",
  what: "the worker no longer tells the server room chat:{serverId}:activity for each channel message (announce(...) removed from the POST)",
  patches: [{ file: "worker/routes/messages.ts", from: "        announce(c, message, who.server, recipients);\n", to: "" }],
};

/** The variants to run: all, or those BENCH_VARIANTS_ONLY names (comma-separated); `also` names more (from --targets). */
export const chosenVariants = (all = true, also = []) => {
  const only = process.env.BENCH_VARIANTS_ONLY?.split(",").map((n) => n.trim()).filter(Boolean);
  const names = new Set([...(all ? (only?.length ? only : VARIANTS.map((v) => v.name)) : []), ...also]);
  return VARIANTS.filter((v) => names.has(v.name));
};

/** Files of the checkout `from` that differ from its HEAD (changed, added or deleted; untracked ones too, not ignored ones). */
export function uncommittedFiles(from = here) {
  const run = (...args) => execFileSync("git", ["-C", from, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const list = (out) => out.split("\0").filter(Boolean);
  return [...new Set([...list(run("diff", "--name-only", "-z", "HEAD")), ...list(run("ls-files", "--others", "--exclude-standard", "-z"))])];
}

/**
 * Makes the worktrees; answers [{ name, what, root }] and `remove()`. Throws if a patch no longer applies.
 * `from`: the checkout whose HEAD they start from (this one by default); `withChanges`: they also take that
 * checkout's uncommitted files as they are now, so a variant differs from the checkout by its patches alone.
 */
export function makeVariants(list = chosenVariants(), { from = here, withChanges = false } = {}) {
  const git = (...args) => execFileSync("git", ["-C", from, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const changed = withChanges ? uncommittedFiles(from) : [];
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "edgecord-variants-"));
  const made = [];
  const remove = () => {
    for (const v of made) {
      try {
        git("worktree", "remove", "--force", v.root);
      } catch {}
    }
    fs.rmSync(base, { recursive: true, force: true });
    try {
      git("worktree", "prune");
    } catch {}
  };
  try {
    for (const v of list) {
      const root = path.join(base, v.name.replace(/[^\w-]+/g, "-"));
      git("worktree", "add", "--detach", root, "HEAD");
      made.push({ ...v, root, ...(withChanges && { uncommitted: changed }) });
      for (const file of changed) {
        // the links below are made afresh (a quiet copy's own links to them show as untracked files)
        if (file === "node_modules" || file === "web/dist") continue;
        const source = path.join(from, file);
        const copy = path.join(root, file);
        const stat = fs.lstatSync(source, { throwIfNoEntry: false });
        fs.rmSync(copy, { force: true });
        if (!stat) continue; // deleted in the checkout
        fs.mkdirSync(path.dirname(copy), { recursive: true });
        if (stat.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(source), copy);
        else fs.copyFileSync(source, copy);
      }
      for (const p of v.patches) {
        const file = path.join(root, p.file);
        const text = fs.readFileSync(file, "utf8");
        if (!text.includes(p.from)) throw new Error(`variant ${v.name}: ${p.file} at HEAD${withChanges ? " (with the checkout's changes)" : ""} no longer has the text to patch`);
        fs.writeFileSync(file, text.replace(p.from, p.to));
      }
      fs.symlinkSync(path.join(from, "node_modules"), path.join(root, "node_modules"));
      if (fs.existsSync(path.join(from, "web/dist"))) fs.symlinkSync(path.join(from, "web/dist"), path.join(root, "web/dist"));
    }
  } catch (err) {
    remove();
    throw err;
  }
  return { variants: made, remove };
}
