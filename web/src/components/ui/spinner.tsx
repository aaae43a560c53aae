// A small turning circle with a label for screen readers.
import LoaderCircle from "lucide-solid/icons/loader-circle";

export function Spinner(props: { label: string; size?: number }) {
  return (
    <span role="status" class="inline-flex items-center gap-2 text-muted">
      <LoaderCircle size={props.size ?? 24} class="animate-spin" aria-hidden="true" />
      <span class="sr-only">{props.label}</span>
    </span>
  );
}
