// What both pickers make of a chosen picture: a square of AVATAR_SIDE px, JPEG, within the API's limit — tried at
// falling qualities until it fits (a 132 px JPEG is usually 5–10 KB).
import { AVATAR_MAX_BYTES, base64DecodedBytes } from '@shared/api/users';

export const AVATAR_SIDE = 132;
/** JPEG qualities tried in turn, 0–1. */
export const AVATAR_QUALITIES = [0.85, 0.6, 0.4];
export const TOO_BIG = '这张图片无法压缩到 24 KB 以内，请换一张';
export const UNREADABLE = '无法读取这张图片，请换一张 JPG 或 PNG 图片';

/** The first base64 of `encode(quality)` that fits, or throws TOO_BIG. */
export async function firstThatFits(encode: (quality: number) => Promise<string>): Promise<string> {
  for (const quality of AVATAR_QUALITIES) {
    const base64 = await encode(quality);
    if (base64DecodedBytes(base64) <= AVATAR_MAX_BYTES) return base64;
  }
  throw new Error(TOO_BIG);
}
