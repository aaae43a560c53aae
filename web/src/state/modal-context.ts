// Which modal is open and with what: one at a time, as in Discord. The modals themselves load on first use.
import { createContext, useContext } from "solid-js";
import type { Channel, ChannelType, Member, Server } from "../../../contract/types";

export interface ModalData {
  createServer: Record<string, never>;
  joinServer: Record<string, never>;
  invite: { server: Server };
  editServer: { server: Server };
  members: { serverId: string };
  auditLog: { serverId: string };
  /** ban a member, with an optional reason; `from: "members"` goes back to the members modal afterwards */
  banMember: { serverId: string; member: Member; from?: "members" };
  createChannel: { serverId: string; type?: ChannelType };
  editChannel: { serverId: string; channel: Channel };
  deleteChannel: { serverId: string; channel: Channel };
  leaveServer: { server: Server };
  deleteServer: { server: Server };
  deleteMessage: { confirm: () => Promise<void> };
  /** attach a file to a message: `send` is the chat's own optimistic send; `draft` the text already typed */
  messageFile: { send: (content: string, fileUrl: string) => void; draft?: string };
  /** an image of a message, full size */
  viewImage: { url: string };
  search: { serverId: string };
}
export type ModalType = keyof ModalData;

/** What each modal is given: its data, and how to close it. */
export interface ModalProps<T extends ModalType> {
  data: ModalData[T];
  close: () => void;
}

export interface ModalApi {
  open<T extends ModalType>(type: T, ...data: ModalData[T] extends Record<string, never> ? [] : [ModalData[T]]): void;
  close(): void;
}

export const ModalContext = createContext<ModalApi>();

export function useModal(): ModalApi {
  const api = useContext(ModalContext);
  if (!api) throw new Error("useModal must be used inside ModalProvider");
  return api;
}
