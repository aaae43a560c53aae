// The look of the server name's button, shared by its stand-in (server-header.tsx) and the real menu trigger
// (server-menu.tsx), so the swap when the menu's code arrives moves nothing on screen.
export const headerButton =
  "flex h-12 w-full shrink-0 items-center justify-between border-b border-line px-4 font-semibold outline-none hover:bg-hover focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand";
