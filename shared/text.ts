// One normalisation for every text a person types (names, titles, messages), used by the shared schemas on both
// sides: NFC; no bidi overrides, zero-width or other invisible format characters; no control characters; a one-line
// field turns line breaks and tabs into a space, a multi-line field keeps line breaks as "\n". A text made only of
// invisible characters becomes empty, and the schema then refuses it as empty.

// Bidi embeddings/overrides/isolates and marks: they can make a message read differently from what it says.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// Zero-width and other invisible format characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen, …).
const INVISIBLE = /[\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/g;
// C0 and C1 controls other than tab and line breaks, which the callers below handle.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

function strip(text: string): string {
  return text.normalize('NFC').replace(BIDI, '').replace(INVISIBLE, '').replace(CONTROL, '');
}

/** A one-line field: line breaks and tabs become one space each run, then trimmed. */
export function normalizeLine(text: string): string {
  return strip(text)
    .replace(/[\t\r\n\u2028\u2029]+/g, ' ')
    .trim();
}

/** A multi-line field: CRLF/CR and Unicode separators become "\n", tabs a space, at most two blank lines in a row. */
export function normalizeMultiline(text: string): string {
  return strip(text)
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** True when the text holds a UTF-16 surrogate without its pair: not a character, and not storable as UTF-8. */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
