// The tab's title: what the page names (a channel, a conversation), after "(N) " while N mentions wait, as Discord
// does. Pages set their part, the badges set the count; the title is rewritten from both.
let base = document.title || "Edgecord";
let count = 0;

const render = () => (document.title = count > 0 ? `(${count > 99 ? "99+" : count}) ${base}` : base);

export function pageTitle(title: string) {
  base = title;
  render();
}

export function titlePrefix(n: number) {
  count = n;
  render();
}
