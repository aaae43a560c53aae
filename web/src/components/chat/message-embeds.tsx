// A message's link previews as Discord draws them: a card with a coloured edge, the site, the title linking to the
// page, the description and the image (kept by the worker: the page never loads an outside image). Loaded the
// first time a message with a preview is shown.
import { For, Show } from "solid-js";
import type { Embed } from "../../../../contract/types";

export default function MessageEmbeds(props: { embeds: Embed[] }) {
  return (
    <For each={props.embeds}>
      {(e) => (
        <article class="mt-1 grid max-w-[432px] gap-1 rounded border-l-4 border-brand bg-raised p-3 pr-4" data-testid="embed" aria-label={`Preview of ${e.title ?? e.url}`}>
          <Show when={e.siteName}><p class="text-xs text-muted">{e.siteName}</p></Show>
          <Show when={e.title} fallback={<a href={e.url} target="_blank" rel="noopener noreferrer nofollow" class="truncate text-sm text-brand hover:underline">{e.url}</a>}>
            <a href={e.url} target="_blank" rel="noopener noreferrer nofollow" class="font-semibold text-brand hover:underline" data-testid="embed-title">{e.title}</a>
          </Show>
          <Show when={e.description}><p class="line-clamp-3 whitespace-pre-line text-sm" data-testid="embed-description">{e.description}</p></Show>
          <Show when={e.imageUrl}>
            {(src) => <img src={src()} alt="" loading="lazy" class="mt-1 max-h-[300px] max-w-full rounded object-contain" data-testid="embed-image" />}
          </Show>
        </article>
      )}
    </For>
  );
}
