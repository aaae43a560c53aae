// Memory and CPU of the server processes: the whole process tree under each labelled root pid, read from /proc
// (Linux). Figures are kept per "<root label>/<process name>", e.g. "rooms/workerd" or "worker/node".
import fs from "node:fs";

const read = (pid, file) => {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined;
  }
};

/** pid → "<label>/<name>" for every live process whose ancestry reaches a root of `roots` ({ label: pid }). */
export function processTree(roots) {
  const procs = new Map();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(entry, "stat");
    if (!stat) continue;
    const close = stat.lastIndexOf(")");
    procs.set(Number(entry), { name: stat.slice(stat.indexOf("(") + 1, close), ppid: Number(stat.slice(close + 2).split(" ")[1]) });
  }
  const label = new Map(Object.entries(roots).filter(([, pid]) => procs.has(pid)).map(([l, pid]) => [pid, l]));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, { ppid }] of procs) {
      if (!label.has(pid) && label.has(ppid)) {
        label.set(pid, label.get(ppid));
        grew = true;
      }
    }
  }
  return new Map([...label].map(([pid, l]) => [pid, `${l}/${procs.get(pid).name}`]));
}

/** RSS now, summed (MiB) and per part. */
export function treeRss(roots) {
  const byPart = {};
  let total = 0;
  for (const [pid, part] of processTree(roots)) {
    const kib = Number(read(pid, "status")?.match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? 0);
    byPart[part] = (byPart[part] ?? 0) + kib / 1024;
    total += kib / 1024;
  }
  return { total, byPart };
}

/** CPU seconds used so far (user + system, from /proc/<pid>/stat in 1/100 s ticks) per pid. */
function treeCpu(roots) {
  const out = new Map();
  for (const [pid, part] of processTree(roots)) {
    const stat = read(pid, "stat");
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    out.set(pid, { part, seconds: (Number(fields[11]) + Number(fields[12])) / 100 });
  }
  return out;
}

/** Counts CPU time of the trees and of this benchmark process (all its threads); `stop()` answers seconds. */
export function countCpu(roots) {
  const before = treeCpu(roots());
  const self = process.cpuUsage();
  return {
    stop() {
      const byPart = {};
      for (const [pid, { part, seconds }] of treeCpu(roots())) byPart[part] = (byPart[part] ?? 0) + seconds - (before.get(pid)?.seconds ?? 0);
      const used = process.cpuUsage(self);
      return { byPart, servers: Object.values(byPart).reduce((a, b) => a + b, 0), bench: (used.user + used.system) / 1e6 };
    },
  };
}

/**
 * Samples the summed RSS of the trees every `everyMs` until stopped; `stop()` answers the peak of the sum with the
 * parts at that moment. The trees are rescanned each time, so processes that start late count too.
 */
export function sampleMemory(roots, everyMs = 250) {
  let peak = { total: 0, byPart: {} };
  const take = () => {
    const now = treeRss(roots());
    if (now.total > peak.total) peak = now;
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}

/** Open file descriptors of every process in the tree (sockets among them). */
export function treeFds(roots) {
  let total = 0;
  for (const pid of processTree(roots).keys()) {
    try {
      total += fs.readdirSync(`/proc/${pid}/fd`).length;
    } catch {}
  }
  return total;
}

/**
 * Waits (up to `maxMs`) until the tree's open descriptors stop falling: the sockets of the scenario before are
 * gone. workerd holds two descriptors a connection and lets a closed one go only after a while, so a 5,000-socket
 * room right after another would meet the process's limit.
 */
export async function fdsSettled(roots, maxMs = 30_000) {
  const deadline = Date.now() + maxMs;
  let last = treeFds(roots);
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    const nowFds = treeFds(roots);
    if (nowFds >= last) return nowFds;
    last = nowFds;
  }
  return last;
}
