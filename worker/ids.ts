// Ids that sort by creation time: a ULID (48-bit millisecond time + 80 random bits, Crockford base32).
import { base64url } from "../contract/base64url";
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

let lastTime = 0;
let lastRandom = new Uint8Array(10);

function encode(bytes: Uint8Array, chars: number): string {
  let bits = 0, value = 0, out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.slice(0, chars);
}

/** Monotonic within one isolate: two ids made in the same millisecond still sort in order. */
export function newId(): string {
  const t = Date.now();
  if (t <= lastTime) {
    // increment the random part, as the ULID spec's monotonic mode does
    for (let i = lastRandom.length - 1; i >= 0; i--) {
      if (lastRandom[i] < 255) { lastRandom[i]++; break; }
      lastRandom[i] = 0;
    }
  } else {
    lastTime = t;
    lastRandom = crypto.getRandomValues(new Uint8Array(10));
  }
  let time = "";
  let rest = lastTime;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[rest % 32] + time;
    rest = Math.floor(rest / 32);
  }
  return time + encode(lastRandom, 16);
}

/** An unguessable token: 32 random bytes, base64url. */
export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}
