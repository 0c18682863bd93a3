// Normalises text before matching against the word list, so spacing, symbols, zero-width characters, full-width
// letters and letter case cannot smuggle a blocked word past the check.
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/gu;
/** Everything that is not a letter or a digit: spaces, punctuation, symbols, emoji, control characters. */
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]/gu;

export function normalizeForMatching(text: string): string {
  return text
    .normalize('NFKC') // full-width → half-width (ＡＢＣ → ABC), compatibility forms (① → 1)
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(NOT_LETTER_OR_DIGIT, '');
}
