// A chat's history by pages: older pages on a scroll to the top, a jump to an old message (the page around it),
// newer pages from there, and back to the newest. Each kind of page is asked one request at a time.
import { produce } from "solid-js/store";
import { listAround, listMessages, listSince, type ChatTarget } from "../lib/api";
import { errorText, firstPending, PAGE_SIZE, SEEK_PAGE_SIZE, type ChatParts } from "./chat-state";

export function createPages(target: ChatTarget, { state, setState, disposed }: ChatParts, catchUp: () => Promise<void>) {
  /** Older pages, one request at a time: a scroll to the top and a jump to a quoted message share it. */
  let older: Promise<void> | null = null;
  function loadOlder(size = PAGE_SIZE): Promise<void> {
    if (!state.olderCursor) return Promise.resolve();
    return (older ??= (async () => {
      setState("loadingOlder", true);
      try {
        const page = await listMessages(target, state.olderCursor, size);
        setState(produce((s) => {
          const have = new Set(s.messages.map((m) => m.id));
          s.messages.unshift(...[...page.items].reverse().filter((m) => !have.has(m.id)));
          s.olderCursor = page.nextCursor;
          s.loadingOlder = false;
        }));
      } catch (e) {
        setState({ loadingOlder: false, error: errorText(e) });
        throw e;
      } finally {
        older = null;
      }
    })());
  }

  /** Newer pages after a jump, one request at a time; at the newest, catch-up brings what came meanwhile. */
  let newer: Promise<void> | null = null;
  function loadNewer(): Promise<void> {
    if (!state.newerCursor) return Promise.resolve();
    return (newer ??= (async () => {
      setState("loadingNewer", true);
      try {
        const page = await listSince(target, state.newerCursor!, SEEK_PAGE_SIZE);
        setState(produce((s) => {
          const have = new Set(s.messages.map((m) => m.id));
          s.messages.splice(firstPending(s.messages), 0, ...[...page.items].reverse().filter((m) => !have.has(m.id)));
          s.newerCursor = page.newerCursor;
          s.loadingNewer = false;
        }));
        if (!page.newerCursor) void catchUp();
      } catch (e) {
        setState({ loadingNewer: false, error: errorText(e) });
        throw e;
      } finally {
        newer = null;
      }
    })());
  }

  /** The first page again, as when the chat opened: after a jump, to write or to read the newest. */
  async function toPresent() {
    if (!state.newerCursor) return;
    const page = await listMessages(target, null, PAGE_SIZE);
    const pending = state.messages.filter((m) => m.status);
    setState({ messages: [...[...page.items].reverse(), ...pending], olderCursor: page.nextCursor, newerCursor: null });
    void catchUp();
  }

  /**
   * Makes the message loaded: at once if it is, else the page around it replaces what is shown (with older and
   * newer pages loadable from there), however far back it is. False if it is not in this chat.
   */
  async function seek(id: string): Promise<boolean> {
    if (state.messages.some((m) => m.id === id)) return true;
    try {
      const page = await listAround(target, id, SEEK_PAGE_SIZE);
      if (disposed()) return false;
      setState({ messages: [...page.items].reverse(), olderCursor: page.nextCursor, newerCursor: page.newerCursor });
    } catch {
      return false;
    }
    return state.messages.some((m) => m.id === id);
  }

  return { loadOlder, loadNewer, toPresent, seek };
}
