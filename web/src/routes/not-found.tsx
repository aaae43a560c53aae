// Any address the app does not know.
import { A } from "@solidjs/router";

export function NotFound() {
  return (
    <main class="grid flex-1 place-items-center p-8 text-center">
      <div class="grid gap-3">
        <h1 class="text-2xl font-bold">Nothing here</h1>
        <p class="text-muted">This page does not exist, or you cannot see it.</p>
        <A href="/" class="btn-primary justify-self-center">Go home</A>
      </div>
    </main>
  );
}
