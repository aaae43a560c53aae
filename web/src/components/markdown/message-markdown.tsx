// A message's markdown, from a chunk of its own: the parser would be a sixth of the first page's JavaScript, so it
// is fetched beside the app as it starts instead of before the app can draw. The message list waits for it (it is
// in long before the first page of messages); if it cannot be fetched, messages show their text as typed.
import { createSignal, Show } from "solid-js";
import { Dynamic } from "solid-js/web";
import type { Markdown as Renderer, MarkdownContext } from "./markdown";

const [renderer, setRenderer] = createSignal<typeof Renderer>();
const [settled, setSettled] = createSignal(false);
void import("./markdown")
  .then((m) => setRenderer(() => m.Markdown))
  .catch(() => undefined)
  .finally(() => setSettled(true));

/** The renderer has come, or failed to: messages can be drawn as they will stay. */
export const markdownSettled = settled;

export function Markdown(props: { source: string } & MarkdownContext) {
  return (
    <Show when={renderer()} fallback={props.source}>
      {(component) => <Dynamic component={component()} source={props.source} nameOf={props.nameOf} everyone={props.everyone} />}
    </Show>
  );
}
