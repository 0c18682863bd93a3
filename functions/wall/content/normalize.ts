// Normalises text before matching against the word list, so spacing, symbols, zero-width characters, full-width
// letters and letter case cannot smuggle a blocked word past the check.
/** Zero-width and other invisible characters (ZWSP, ZWJ, BOM, soft hyphen, variation selectors, fillers…). */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
/** Everything that is not a letter or a digit: spaces, punctuation, symbols, emoji, control characters. */
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]/gu;

export function normalizeForMatching(text: string): string {
  return text
    .normalize('NFKC') // full-width → half-width (ＡＢＣ → ABC), compatibility forms (① → 1)
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(NOT_LETTER_OR_DIGIT, '');
}
