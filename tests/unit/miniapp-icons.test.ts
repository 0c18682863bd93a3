// The icon set (miniapp/src/components/Icon): each glyph becomes an SVG that WeChat's <image> can show — plain ASCII,
// absolute sizes, no <style> — in a base64 data URI that decodes to exactly that SVG; every entry of 首页 and 我的
// names one.
import { FEATURES } from '../../miniapp/src/features';
import { base64Ascii, iconDataUri, iconSvg } from '../../miniapp/src/components/Icon/dataUri';
import { GLYPHS, ICON_COLORS, type IconColor, type IconName } from '../../miniapp/src/components/Icon/glyphs';

const NAMES = Object.keys(GLYPHS) as IconName[];
const COLORS = Object.keys(ICON_COLORS) as IconColor[];

describe('miniapp icons', () => {
  it('encodes base64 like the platform does, for every length mod 3', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'abcd', '<svg d="M1 2"/>'])
      expect(base64Ascii(text)).toBe(Buffer.from(text, 'latin1').toString('base64'));
  });

  it('draws every glyph as an SVG WeChat can show, in each colour, with one stroke', () => {
    for (const name of NAMES)
      for (const color of COLORS) {
        const svg = iconSvg(name, color);
        expect({ name, ascii: /^[\x20-\x7e]*$/.test(svg) }).toEqual({ name, ascii: true });
        expect(svg).not.toMatch(/<style|%/);
        expect(svg).toContain(`stroke="${ICON_COLORS[color]}" stroke-width="1.8"`);
        expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="24" height="24" /);
        const uri = iconDataUri(name, color);
        expect(uri.startsWith('data:image/svg+xml;base64,')).toBe(true);
        expect(Buffer.from(uri.split(',')[1], 'base64').toString('latin1')).toBe(svg);
      }
  });

  it('keeps the whole set small (it ships in the main package)', () => {
    const bytes = NAMES.reduce((sum, name) => sum + GLYPHS[name].length, 0);
    expect(bytes).toBeLessThan(8 * 1024);
  });

  it('gives every entry of 首页 and 我的 an icon of the set', () => {
    expect(FEATURES.filter((entry) => !entry.icon || !(entry.icon in GLYPHS)).map((e) => e.id)).toEqual([]);
  });
});
