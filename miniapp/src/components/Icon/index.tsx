// <Icon name="calendar"/>: one icon of the app's set (glyphs.ts) as an <Image> with an SVG data URI, so it draws the
// same on WeChat and H5 and costs no request and no file in the package. The box is square like the drawing, so
// scaleToFill (aspectFit positions the picture absolutely on H5, where a centred parent text shifts it).
import { Image } from '@tarojs/components';
import { iconDataUri } from './dataUri';
import type { IconColor, IconName } from './glyphs';
import './Icon.scss';

export type { IconColor, IconName } from './glyphs';
export { GLYPHS, ICON_COLORS } from './glyphs';

export interface IconProps {
  name: IconName;
  /** The app's red unless told (grey for quiet icons, white on the red header). */
  color?: IconColor;
  /** s 32 · m 44 · l 56 · xl 96 (750 design px). */
  size?: 's' | 'm' | 'l' | 'xl';
  className?: string;
}

export function Icon({ name, color = 'red', size = 'm', className }: IconProps) {
  return (
    <Image
      className={`rc-icon rc-icon--${size}${className ? ` ${className}` : ''}`}
      src={iconDataUri(name, color)}
      mode="scaleToFill"
      data-icon={name}
    />
  );
}
