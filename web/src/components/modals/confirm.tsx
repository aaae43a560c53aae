// The "are you sure?" modals: leave a server, delete a server, a channel or a message.
import { createSignal, type JSX } from "solid-js";
import { useLocation, useNavigate } from "@solidjs/router";
import { deleteChannel, deleteServer, leaveServer } from "../../lib/api";
import { pending } from "../../lib/forms";
import type { ModalProps } from "../../state/modal-context";
import { forgetServer, storeServerView } from "../../state/queries";
import { ModalFooter, ModalShell } from "./modal-shell";

function Confirm(props: { title: string; children: JSX.Element; action: string; close: () => void; run: () => Promise<void> }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal("");
  const confirm = () =>
    pending(setBusy, setError, async () => {
      await props.run();
      props.close();
    });
  return (
    <ModalShell title={props.title} description={props.children} close={props.close}>
      <p class="form-error px-6 pt-2" role="alert">{error()}</p>
      <ModalFooter>
        <button type="button" class="btn-ghost" onClick={props.close}>Cancel</button>
        <button type="button" class="btn-danger" onClick={confirm} disabled={busy()}>{props.action}</button>
      </ModalFooter>
    </ModalShell>
  );
}

export function LeaveServer(props: ModalProps<"leaveServer">) {
  const navigate = useNavigate();
  return (
    <Confirm title="Leave server" action="Leave Server" close={props.close} run={async () => {
      await leaveServer(props.data.server.id);
      await forgetServer(props.data.server.id);
      navigate("/", { replace: true });
    }}>
      Are you sure you want to leave <strong class="text-fg">{props.data.server.name}</strong>?
    </Confirm>
  );
}

export function DeleteServer(props: ModalProps<"deleteServer">) {
  const navigate = useNavigate();
  return (
    <Confirm title="Delete server" action="Delete Server" close={props.close} run={async () => {
      await deleteServer(props.data.server.id);
      await forgetServer(props.data.server.id);
      navigate("/", { replace: true });
    }}>
      Are you sure you want to do this? <strong class="text-fg">{props.data.server.name}</strong> and all its channels and messages will be permanently deleted.
    </Confirm>
  );
}

export function DeleteChannel(props: ModalProps<"deleteChannel">) {
  const navigate = useNavigate();
  const location = useLocation();
  return (
    <Confirm title="Delete channel" action="Delete Channel" close={props.close} run={async () => {
      const view = await deleteChannel(props.data.serverId, props.data.channel.id);
      storeServerView(view);
      if (location.pathname.includes(props.data.channel.id)) navigate(`/servers/${view.id}`, { replace: true });
    }}>
      Are you sure you want to do this? <strong class="text-fg">#{props.data.channel.name}</strong> will be permanently deleted.
    </Confirm>
  );
}

export function DeleteMessage(props: ModalProps<"deleteMessage">) {
  return (
    <Confirm title="Delete message" action="Delete" close={props.close} run={props.data.confirm}>
      Are you sure you want to do this? The message will be permanently deleted.
    </Confirm>
  );
}
