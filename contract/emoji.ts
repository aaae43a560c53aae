// What a reaction's emoji may be: one emoji grapheme as a picker inserts it, skin tones, flags, keycaps and ZWJ
// sequences included; never text, never two emoji. Shared by the worker (which refuses anything else) and the web.
import { EMOJI_MAX_BYTES } from "./limits";

/**
 * Unicode's recommended emoji (fully qualified, with their modifiers and sequences). The `v` flag (ES2024) is built
 * at run time so the TypeScript target may stay lower; a runtime without it falls back to single pictographs.
 */
const RGI = (() => {
  try {
    return new RegExp("^\\p{RGI_Emoji}$", "v");
  } catch {
    return /^$/;
  }
})();
/**
 * One emoji character with or without its emoji presentation selector, as older pickers and keyboards send some
 * (❤ for ❤️). `\p{Emoji}` holds assigned code points only (Extended_Pictographic also reserves unassigned ones,
 * such as U+1FAFF); components (digits, #, *, skin tones, regional indicators) are no emoji on their own.
 */
const PICTOGRAPH = /^(?!\p{Emoji_Component})\p{Emoji}\uFE0F?$/u;

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

export function isOneEmoji(s: string): boolean {
  if (s.length === 0 || new TextEncoder().encode(s).length > EMOJI_MAX_BYTES) return false;
  let count = 0;
  for (const _ of graphemes.segment(s)) if (++count > 1) return false;
  return RGI.test(s) || PICTOGRAPH.test(s);
}

/**
 * One spelling per emoji, so two people's 👍 are one reaction: some pickers and keyboards write an emoji that is
 * shown as an emoji anyway with a variation selector (U+FE0F) its fully-qualified form in Unicode's list does not
 * have. The worker stores reactions so spelled; clients may use it to show their own click at once.
 */
export const canonicalEmoji = (emoji: string) => emoji.replace(/(\p{Emoji_Presentation})\uFE0F/gu, "$1");
