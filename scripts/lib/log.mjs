// Line-prefixed, coloured output for `npm run dev`, so the logs of five processes stay readable in one terminal.
import readline from "node:readline";

const useColour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const COLOURS = { db: 33, rooms: 35, worker: 36, web: 32, seed: 34, dev: 1 };

export const paint = (code, text) => (useColour ? `\x1b[${code}m${text}\x1b[0m` : text);

/** `[name] ` padded so that the logs of all pieces line up, in that piece's colour. */
export function tag(name) {
  return paint(COLOURS[name] ?? 37, `[${name}]`.padEnd(8));
}

/** A logger that writes every line it is given with the piece's tag in front. */
export function logger(name, stream = process.stdout) {
  const prefix = tag(name);
  return (...parts) => {
    for (const line of parts.join(" ").split("\n")) stream.write(`${prefix} ${line}\n`);
  };
}

/** Copies a child's stdout and stderr line by line, each line tagged with the piece's name. */
export function prefixOutput(name, child) {
  const prefix = tag(name);
  const pipe = (readable, out) => {
    if (!readable) return;
    // a child's progress spinners redraw with \r and clear codes; keep only what a log reader wants
    readline.createInterface({ input: readable, crlfDelay: Infinity }).on("line", (line) => {
      let clean = line.replace(/\x1b\[[0-9;]*[ABCDEFGHJKST]/g, "").split("\r").pop();
      // some tools colour their output even into a pipe; a log file or NO_COLOR wants none
      if (!useColour) clean = clean.replace(/\x1b\[[0-9;]*m/g, "");
      if (clean.trim() !== "") out.write(`${prefix} ${clean}\n`);
    });
  };
  pipe(child.stdout, process.stdout);
  pipe(child.stderr, process.stderr);
}
