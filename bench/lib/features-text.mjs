// Message text for the search scenario: words drawn from a made-up vocabulary of a few thousand words (some with
// accents), by a Zipf law as words of a language are, so a two-word query matches a realistic share of messages.
// Seeded, so every run (and both sides of a comparison) gets the same text.

/** A small fast PRNG (mulberry32): `next()` → [0, 1). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ONSETS = ["b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "ch", "st", "tr", "pl"];
const VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o"];
// about one word in six gets one of these in place of a plain vowel (folded away by the index: remove_diacritics 2)
const ACCENTED = ["é", "è", "à", "ü", "ö", "ñ", "ç", "ø", "í", "ã"];

/**
 * `size` distinct words, most frequent first: 2 to 4 syllables, some ending in a consonant, some with an accent.
 * `plain(w)` is the word as a person types it without accents.
 */
export function vocabulary(size = 3000, seed = 17) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const words = new Set();
  while (words.size < size) {
    const syllables = 2 + Math.floor(next() * 3);
    let w = "";
    for (let s = 0; s < syllables; s++) w += pick(ONSETS) + (next() < 0.06 ? pick(ACCENTED) : pick(VOWELS));
    if (next() < 0.3) w += pick(["n", "r", "s", "l", "t"]);
    words.add(w);
  }
  return [...words];
}

export const plain = (word) => word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ø/g, "o");

/** Draws word ranks 0..size-1 with probability ∝ 1/(rank+1): a cumulative table and a binary search. */
export function zipf(size, next) {
  const cumulative = new Float64Array(size);
  let sum = 0;
  for (let r = 0; r < size; r++) cumulative[r] = sum += 1 / (r + 1);
  return () => {
    const x = next() * sum;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** A writer of messages: `text()` → 4 to 20 words of the vocabulary, the first capitalised, maybe a question. */
export function writer(words, seed = 29) {
  const next = random(seed);
  const rank = zipf(words.length, next);
  return () => {
    const n = 4 + Math.floor(next() * 17);
    const out = Array.from({ length: n }, () => words[rank()]);
    out[0] = out[0][0].toUpperCase() + out[0].slice(1);
    return out.join(" ") + (next() < 0.2 ? "?" : next() < 0.5 ? "." : "");
  };
}

/**
 * `count` two-word queries as people type them: a frequent word (one of the 60 most frequent) and a less frequent one
 * (rank 5 to 305), so that a query matches from about ten to about a thousand of 100,000 messages; each typed without accents
 * now and then, capitalised now and then, and in a quarter of queries the second word cut to its first 3 to 5 letters
 * (every word matches as a prefix).
 */
export function queries(words, count, seed = 41) {
  const next = random(seed);
  const typed = (w) => {
    let t = next() < 0.5 ? plain(w) : w;
    if (next() < 0.2) t = t[0].toUpperCase() + t.slice(1);
    return t;
  };
  return Array.from({ length: count }, () => {
    const first = words[Math.floor(next() * 60)];
    let second = words[5 + Math.floor(next() * 300)];
    while (second === first) second = words[5 + Math.floor(next() * 300)];
    const cut = next() < 0.25 ? second.slice(0, 3 + Math.floor(next() * 3)) : second;
    return `${typed(first)} ${typed(cut)}`;
  });
}
