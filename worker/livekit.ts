// LiveKit: call tokens for a room, and the check that a webhook really comes from our LiveKit server.
import { AccessToken, WebhookReceiver } from "livekit-server-sdk";
import type { WebhookEvent } from "livekit-server-sdk";
import type { Bindings } from "./env";
import { fail } from "./errors";

/** The longest a call token lives; a client asks for a fresh one to join again. */
export const CALL_TOKEN_TTL = "6h";

interface Credentials { key: string; secret: string }

function credentials(env: Bindings): Credentials {
  const key = env.LIVEKIT_API_KEY, secret = env.LIVEKIT_API_SECRET;
  if (!key || !secret) fail(503, "Calls are not configured on this server (LIVEKIT_API_KEY and LIVEKIT_API_SECRET)");
  return { key: key!, secret: secret! };
}

/** A token to join, speak and listen in this one room, as this profile. */
export async function callToken(env: Bindings, room: string, profile: { id: string; name: string }): Promise<string> {
  const { key, secret } = credentials(env);
  const token = new AccessToken(key, secret, { identity: profile.id, name: profile.name, ttl: CALL_TOKEN_TTL });
  token.addGrant({ room, roomJoin: true, canPublish: true, canSubscribe: true });
  return token.toJwt();
}

/**
 * The webhook's event, once its Authorization JWT is signed with our secret and carries the body's SHA-256.
 * 401 when it is not; 400 when it is signed but not a webhook event.
 */
export async function receiveWebhook(env: Bindings, body: string, authorization: string | undefined): Promise<WebhookEvent> {
  const { key, secret } = credentials(env);
  if (!authorization) fail(401, "The webhook is not signed");
  try {
    return await new WebhookReceiver(key, secret).receive(body, authorization);
  } catch (err) {
    // receive() checks the signature before it parses, so only a signed body gets as far as a parse error
    const unreadable = err instanceof SyntaxError || /decode/i.test(String((err as Error)?.message));
    return fail(unreadable ? 400 : 401, unreadable ? "The webhook body is not a LiveKit event" : "The webhook signature is not valid");
  }
}
