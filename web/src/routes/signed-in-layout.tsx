// Everything behind sign-in: sends a visitor without a session to sign in (and back here afterwards),
// then provides who they are and the modals.
import { createEffect, Match, onCleanup, Switch, type JSX } from "solid-js";
import { useLocation, useNavigate } from "@solidjs/router";
import { ApiError, setUnauthorizedHandler } from "../lib/api";
import { MeContext } from "../state/me-context";
import { createProfileQuery } from "../state/queries";
import { ModalProvider } from "../components/modals/modal-provider";
import { Spinner } from "../components/ui/spinner";
import { ServerRail } from "../components/server/server-rail";
import { createBadges, followOwnRoom } from "../state/awareness";
import { titlePrefix } from "../lib/title";
import { notifyNavigator } from "../state/notify-target";

/** The person's own room (direct messages to them, for badges) and the tab title's count, while signed in. */
function Awareness(props: { profileId: string }) {
  onCleanup(followOwnRoom(props.profileId));
  const navigate = useNavigate();
  notifyNavigator.navigate = (path) => navigate(path);
  onCleanup(() => (notifyNavigator.navigate = undefined));
  const badges = createBadges();
  createEffect(() => titlePrefix(badges.total()));
  onCleanup(() => titlePrefix(0));
  return null;
}

export function SignedInLayout(props: { children?: JSX.Element }) {
  const profile = createProfileQuery();
  const navigate = useNavigate();
  const location = useLocation();

  const toSignIn = () => {
    const next = location.pathname === "/" ? "" : `?next=${encodeURIComponent(location.pathname)}`;
    navigate(`/sign-in${next}`, { replace: true }); // the sign-in page clears the cache of the last person
  };
  createEffect(() => {
    if (profile.error instanceof ApiError && profile.error.status === 401) toSignIn();
  });
  // any call answered 401 later on (the session expired, or was signed out elsewhere) ends the visit too
  setUnauthorizedHandler(toSignIn);
  onCleanup(() => setUnauthorizedHandler(undefined));

  return (
    <Switch fallback={<div class="grid h-full place-items-center"><Spinner label="Loading" /></div>}>
      <Match when={profile.data}>
        {(me) => (
          <MeContext.Provider value={me}>
            <Awareness profileId={me().id} />
            <ModalProvider>
              <div class="flex h-full overflow-hidden">
                <div class="hidden md:flex">
                  <ServerRail />
                </div>
                {props.children}
              </div>
            </ModalProvider>
          </MeContext.Provider>
        )}
      </Match>
      <Match when={profile.error && !(profile.error instanceof ApiError && profile.error.status === 401)}>
        <div class="grid h-full place-items-center p-8 text-center">
          <div class="grid gap-3">
            <p role="alert">{profile.error?.message}</p>
            <button type="button" class="btn-primary justify-self-center" onClick={() => profile.refetch()}>Try again</button>
          </div>
        </div>
      </Match>
    </Switch>
  );
}
