// Where a new message goes in a chat's list (oldest first). Room frames leave in commit order, but a frame and
// an HTTP answer (our own POST, a catch-up page) can still cross on the way: a new message is placed by its
// version among the new messages this client saw created, whatever order they arrived in.

/**
 * The index to insert `incoming` at, before `end` (where our own unconfirmed messages start). `createdVersion`
 * gives the version a message had when it was created, for those this client saw arrive as new.
 */
export function newMessageIndex(
  list: readonly { id: string }[],
  incoming: { version: number },
  end: number,
  createdVersion: (id: string) => number | undefined,
): number {
  let i = end;
  while (i > 0 && (createdVersion(list[i - 1].id) ?? -Infinity) > incoming.version) i--;
  return i;
}
