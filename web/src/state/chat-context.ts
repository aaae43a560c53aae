// The chat store of the chat on screen, for the header, the list and the input.
import { createContext, useContext } from "solid-js";
import type { ChatStore } from "./chat-store";

export const ChatContext = createContext<ChatStore>();

export function useChat(): ChatStore {
  const store = useContext(ChatContext);
  if (!store) throw new Error("useChat must be used inside a ChatContext.Provider");
  return store;
}
