// Who is signed in, for every view under the signed-in layout.
import { createContext, useContext, type Accessor } from "solid-js";
import type { OwnProfile } from "../../../contract/types";

export const MeContext = createContext<Accessor<OwnProfile>>();

export function useMe(): Accessor<OwnProfile> {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe must be used inside the signed-in layout");
  return me;
}
