// Whether this chat is live over its room socket, or polling every second because the socket is down.
export function SocketIndicator(props: { live: boolean }) {
  return (
    <span
      role="status"
      aria-live="polite"
      data-testid="socket-indicator"
      class={`inline-flex shrink-0 whitespace-nowrap items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-semibold text-white ${props.live ? "bg-emerald-600" : "bg-amber-600"}`}
    >
      <span class={`size-2 rounded-full bg-white ${props.live ? "" : "animate-pulse"}`} aria-hidden="true" />
      {props.live ? "Live: Real-time updates" : "Fallback: Polling every 1s"}
    </span>
  );
}
