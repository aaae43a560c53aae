// The one query cache of the app; a 401 anywhere is handled by the signed-in layout, so it is not retried.
import { QueryClient } from "@tanstack/solid-query";
import { ApiError } from "../lib/api";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});
