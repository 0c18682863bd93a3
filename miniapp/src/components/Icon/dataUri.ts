// An icon as an image URL: the SVG document in a base64 data URI. WeChat's <image> shows SVG (not inline <svg>
// elements), and base64 is the data-URI form it reads on every client; the browser reads it too.
import { GLYPHS, ICON_COLORS, type IconColor, type IconName } from './glyphs';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of an ASCII string (the mini-program has no btoa). */
export function base64Ascii(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 3) {
    const a = text.charCodeAt(i);
    const b = i + 1 < text.length ? text.charCodeAt(i + 1) : NaN;
    const c = i + 2 < text.length ? text.charCodeAt(i + 2) : NaN;
    const bits = (a << 16) | ((b || 0) << 8) | (c || 0);
    out += BASE64[(bits >> 18) & 63] + BASE64[(bits >> 12) & 63];
    out += Number.isNaN(b) ? '=' : BASE64[(bits >> 6) & 63];
    out += Number.isNaN(c) ? '=' : BASE64[bits & 63];
  }
  return out;
}

/** The full SVG of one icon: 24×24 in absolute units, one stroke for every glyph. */
export function iconSvg(name: IconName, color: IconColor): string {
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" ' +
    `stroke="${ICON_COLORS[color]}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">` +
    `${GLYPHS[name]}</svg>`
  );
}

const cache = new Map<string, string>();

export function iconDataUri(name: IconName, color: IconColor): string {
  const key = `${name}:${color}`;
  let uri = cache.get(key);
  if (!uri) {
    uri = `data:image/svg+xml;base64,${base64Ascii(iconSvg(name, color))}`;
    cache.set(key, uri);
  }
  return uri;
}
