// The sign-in limits as the routes use them (sign-in, a password change): an attempt counts as a failure until
// its password proves right; past a limit, 429 with when to try again.
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { limitOf, secondsUntilFree, tooMany } from "../limits";
import { clientAddress } from "../client-address";
import { forgiveSignIn, reserveSignIn } from "../db/queries/limits";

const REFUSALS = {
  pair: "Too many failed sign-ins for this e-mail",
  email: "Too many failed sign-ins for this e-mail",
  address: "Too many failed sign-ins from your address",
} as const;

/** Counts this attempt (or refuses with 429); call the answer once the password proved right. */
export async function signInAttempt(c: Context<AppEnv>, email: string): Promise<() => Promise<void>> {
  const limits = { pair: limitOf(c.env, "RATE_LIMIT_SIGN_IN"), email: limitOf(c.env, "RATE_LIMIT_SIGN_IN_EMAIL"), address: limitOf(c.env, "RATE_LIMIT_SIGN_IN_ADDRESS") };
  const reserved = await reserveSignIn(c.var.db, email, clientAddress(c), limits);
  if (!("attempt" in reserved)) tooMany(c, secondsUntilFree(reserved.retryAfterFrom, reserved.limit), REFUSALS[reserved.full]);
  return () => forgiveSignIn(c.var.db, (reserved as { attempt: string }).attempt);
}
