// The calls of the user settings (signed-in devices, password): loaded with that page, not with the first one.
import type { Session } from "../../../contract/types";
import type { PasswordChange } from "../../../contract/schemas";
import { at, client, read } from "./api";

export const listSessions = (): Promise<Session[]> => read(client.auth.sessions.$get());
export const endSession = (sessionId: string): Promise<void> => read(client.auth.sessions[":sessionId"].$delete({ param: at({ sessionId }) }));
export const signOutEverywhere = (): Promise<void> => read(client.auth["sign-out-everywhere"].$post());
export const changePassword = (json: PasswordChange): Promise<void> => read(client.profile.password.$patch({ json }));
