// Passkeys in the browser: the WebAuthn ceremonies through @simplewebauthn/browser, loaded only when one starts
// (the sign-in page imports this module on demand, the settings page with itself).
import type { AuthResult, Passkey, PasskeyCeremony } from "../../../contract/types";
import { at, client, read } from "./api";

export const listPasskeys = (): Promise<Passkey[]> => read(client.passkeys.$get());
export const removePasskey = (passkeyId: string): Promise<void> => read(client.passkeys[":passkeyId"].$delete({ param: at({ passkeyId }) }));

type Answer = { challengeId: string; response: { id: string; type: "public-key" }; name?: string };

/** Makes a passkey on this device (the browser asks the person) and registers it under `name`. */
export async function addPasskey(name: string): Promise<Passkey> {
  const { startRegistration } = await import("@simplewebauthn/browser");
  const { challengeId, options } = (await read(client.passkeys.options.$post())) as PasskeyCeremony<Parameters<typeof startRegistration>[0]["optionsJSON"]>;
  const response = await startRegistration({ optionsJSON: options });
  return read(client.passkeys.$post({ json: { challengeId, response, name } as Answer }));
}

/** Signs in with a passkey the person picks (the browser offers the ones it holds for this site). */
export async function signInWithPasskey(): Promise<AuthResult> {
  const { startAuthentication } = await import("@simplewebauthn/browser");
  const { challengeId, options } = (await read(client.auth.passkey.options.$post())) as PasskeyCeremony<Parameters<typeof startAuthentication>[0]["optionsJSON"]>;
  const response = await startAuthentication({ optionsJSON: options });
  return read(client.auth.passkey["sign-in"].$post({ json: { challengeId, response } as Answer }));
}
