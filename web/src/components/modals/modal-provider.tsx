// Renders the open modal; each modal's code (and Kobalte's dialog) is fetched the first time it opens.
import { createSignal, lazy, Show, Suspense, type Component, type JSX } from "solid-js";
import { Dynamic } from "solid-js/web";
import { setDrawerOpen } from "../../state/layout";
import { ModalContext, type ModalApi, type ModalProps, type ModalType } from "../../state/modal-context";

const modals: { [T in ModalType]: Component<ModalProps<T>> } = {
  createServer: lazy(() => import("./create-server")),
  joinServer: lazy(() => import("./join-server")),
  invite: lazy(() => import("./invite")),
  editServer: lazy(() => import("./edit-server")),
  members: lazy(() => import("./members")),
  auditLog: lazy(() => import("./audit-log")),
  banMember: lazy(() => import("./bans").then((m) => ({ default: m.BanMember }))),
  createChannel: lazy(() => import("./channel-form").then((m) => ({ default: m.CreateChannel }))),
  editChannel: lazy(() => import("./channel-form").then((m) => ({ default: m.EditChannel }))),
  deleteChannel: lazy(() => import("./confirm").then((m) => ({ default: m.DeleteChannel }))),
  leaveServer: lazy(() => import("./confirm").then((m) => ({ default: m.LeaveServer }))),
  deleteServer: lazy(() => import("./confirm").then((m) => ({ default: m.DeleteServer }))),
  deleteMessage: lazy(() => import("./confirm").then((m) => ({ default: m.DeleteMessage }))),
  search: lazy(() => import("../search")),
  messageFile: lazy(() => import("./message-file")),
  viewImage: lazy(() => import("./image-viewer")),
};

export function ModalProvider(props: { children: JSX.Element }) {
  const [current, setCurrent] = createSignal<{ type: ModalType; data: unknown } | null>(null);
  const api: ModalApi = {
    open: (type, ...data) => {
      setDrawerOpen(false); // a modal replaces the phone drawer rather than stacking on it
      setCurrent({ type, data: data[0] ?? {} });
    },
    close: () => setCurrent(null),
  };
  return (
    <ModalContext.Provider value={api}>
      {props.children}
      <Suspense>
        <Show when={current()} keyed>
          {(c) => <Dynamic component={modals[c.type] as Component<ModalProps<ModalType>>} data={c.data as never} close={api.close} />}
        </Show>
      </Suspense>
    </ModalContext.Provider>
  );
}
