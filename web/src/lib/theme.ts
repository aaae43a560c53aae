// Light and dark themes: the choice is kept in localStorage; without one the system's preference decides.
import { createSignal } from "solid-js";

export type Theme = "light" | "dark";
const KEY = "edgecord-theme";

function initial(): Theme {
  const saved = localStorage.getItem(KEY);
  if (saved === "light" || saved === "dark") return saved;
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

const [theme, setThemeSignal] = createSignal<Theme>(initial());
const apply = (t: Theme) => document.documentElement.classList.toggle("dark", t === "dark");
apply(theme());

export { theme };
function setTheme(t: Theme) {
  localStorage.setItem(KEY, t);
  setThemeSignal(t);
  apply(t);
}
export const toggleTheme = () => setTheme(theme() === "dark" ? "light" : "dark");
