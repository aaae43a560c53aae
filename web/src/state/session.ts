// Signing in and out: whose data the cache holds. A new person starts from an empty cache, so nothing of the last
// one shows.
import { useNavigate } from "@solidjs/router";
import type { OwnProfile } from "../../../contract/types";
import { signOut } from "../lib/api";
import { queryClient } from "./query-client";
import { keys } from "./queries";

export function signedIn(profile: OwnProfile) {
  queryClient.clear();
  queryClient.setQueryData(keys.profile, profile);
}

/** Sign out (a session already gone is as good), forget everything, and go to the sign-in page. */
export function useSignOut() {
  const signedOut = useSignedOut();
  return async () => {
    await signOut().catch(() => undefined);
    signedOut();
  };
}

/** This session has ended (signed out here, or from the list of devices): forget everything, go to sign-in. */
export function useSignedOut() {
  const navigate = useNavigate();
  return () => {
    queryClient.clear();
    navigate("/sign-in", { replace: true });
  };
}
