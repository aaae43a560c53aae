// Small presentation helpers: times and days, initials, a stable colour per name.
const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();

/** "Today at 14:05", "Yesterday at 09:12" or "03/05/2026 14:05", as Discord writes it. */
export function messageTime(iso: string, now = new Date()): string {
  const d = new Date(iso);
  const time = d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  if (sameDay(d, now)) return `Today at ${time}`;
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(d, yesterday)) return `Yesterday at ${time}`;
  return `${d.toLocaleDateString()} ${time}`;
}

export const initials = (name: string) =>
  name
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? "")
    .join("") || "?";

const palette = ["#5865f2", "#3ba55c", "#faa61a", "#ed4245", "#eb459e", "#9b59b6", "#1abc9c", "#e67e22"];
export function colorFor(text: string) {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return palette[h % palette.length];
}

/** An invite link as people share it; the join page takes the code from its last path segment. */
export const inviteLink = (code: string) => `${location.origin}/invite/${code}`;
export function inviteCodeFrom(input: string): string {
  const text = input.trim();
  const match = text.match(/\/invite\/([^/?#\s]+)/);
  return match ? decodeURIComponent(match[1]) : text;
}

/** A wait for a person: "45 seconds", "1 minute", "15 minutes" (rounded up). */
export function waitText(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} ${s === 1 ? "second" : "seconds"}`;
  const m = Math.ceil(s / 60);
  return `${m} ${m === 1 ? "minute" : "minutes"}`;
}

/** When an invite stops working, as the invite modal and page say it: "in 6 hours (03/05/2026, 14:05)". */
export function expiresText(iso: string, now = Date.now()): string {
  const left = new Date(iso).getTime() - now;
  if (left <= 0) return "has expired";
  const minutes = Math.round(left / 60_000);
  const span = minutes < 60 ? `${Math.max(1, minutes)} ${minutes === 1 ? "minute" : "minutes"}`
    : minutes < 48 * 60 ? `${Math.round(minutes / 60)} ${Math.round(minutes / 60) === 1 ? "hour" : "hours"}`
    : `${Math.round(minutes / 1440)} days`;
  const at = new Date(iso).toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" });
  return `expires in ${span} (${at})`;
}

/** "14:05": the time beside a message that continues its author's group. */
export const clockTime = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });

/** "June 3, 2026": the divider where the day changes. */
export const dayLabel = (iso: string) => new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });
