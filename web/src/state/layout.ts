// On a phone the server rail and the sidebar live in a drawer; this says whether it is open.
import { createSignal } from "solid-js";

export const [drawerOpen, setDrawerOpen] = createSignal(false);
