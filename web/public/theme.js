// The theme before the first paint, so a dark page never flashes light (web/src/lib/theme.ts keeps it after).
// A file of its own rather than an inline script: the page's Content-Security-Policy runs scripts from this
// origin only (web/public/_headers).
try {
  var t = localStorage.getItem("edgecord-theme");
  if (t === "dark" || (t !== "light" && matchMedia("(prefers-color-scheme: dark)").matches)) document.documentElement.classList.add("dark");
} catch (e) {}
