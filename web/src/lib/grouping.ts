// How the message list reads like Discord's: a run of messages by one author, close together, shows the author
// once; a divider with the date stands where the day changes (in the reader's own time zone).

/** The longest pause between two messages of one author that still continues their group. */
export const GROUP_GAP_MS = 7 * 60 * 1000;

interface Placed {
  memberId: string;
  createdAt: string;
  replyTo?: unknown;
}

const sameDay = (a: string, b: string) => new Date(a).toDateString() === new Date(b).toDateString();

/** Whether `message` goes without avatar and name, under `previous`. A reply always shows who wrote it. */
export function continuesGroup(previous: Placed | undefined, message: Placed): boolean {
  if (!previous || message.replyTo || previous.memberId !== message.memberId || !sameDay(previous.createdAt, message.createdAt)) return false;
  const gap = Date.parse(message.createdAt) - Date.parse(previous.createdAt);
  return gap >= 0 && gap < GROUP_GAP_MS;
}

/** Whether a date divider goes above `message`: the first message shown, or the first of a new day. */
export const startsDay = (previous: Placed | undefined, message: Placed) => !previous || !sameDay(previous.createdAt, message.createdAt);
