// H5: tapping the avatar opens the browser's file picker; the picture is cropped to its centre square and drawn at
// AVATAR_SIDE px on a canvas, then encoded as JPEG (white behind a transparent PNG).
import { View } from '@tarojs/components';
import { useRef, type ChangeEvent } from 'react';
import type { AvatarPickerProps } from './AvatarPicker';
import { AVATAR_SIDE, TOO_BIG, UNREADABLE, firstThatFits } from './avatarImage';

export const NICKNAME_INPUT_TYPE = 'text' as const;

async function shrink(file: File): Promise<string> {
  const url = URL.createObjectURL(file);
  try {
    const image = new Image();
    image.src = url;
    await image.decode().catch(() => {
      throw new Error(UNREADABLE);
    });
    const side = Math.min(image.naturalWidth, image.naturalHeight);
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = AVATAR_SIDE;
    const context = canvas.getContext('2d');
    if (!context || side === 0) throw new Error(UNREADABLE);
    context.fillStyle = '#fff';
    context.fillRect(0, 0, AVATAR_SIDE, AVATAR_SIDE);
    const x = (image.naturalWidth - side) / 2;
    const y = (image.naturalHeight - side) / 2;
    context.drawImage(image, x, y, side, side, 0, 0, AVATAR_SIDE, AVATAR_SIDE);
    return await firstThatFits(
      async (quality) => canvas.toDataURL('image/jpeg', quality).split(',')[1] ?? '',
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function AvatarPicker({ children, busy, onPicked, onError }: AvatarPickerProps) {
  const input = useRef<HTMLInputElement>(null);

  function picked(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = ''; // the same file picked again still counts
    if (!file) return;
    shrink(file).then(onPicked, (err: unknown) =>
      onError(err instanceof Error && err.message === TOO_BIG ? TOO_BIG : UNREADABLE),
    );
  }

  return (
    <View className="rc-me__avatar-picker">
      <View
        className="rc-me__avatar-tap"
        aria-label="更换头像"
        onClick={() => (busy ? undefined : input.current?.click())}
      >
        {children}
      </View>
      <input
        ref={input}
        className="rc-me__avatar-file"
        type="file"
        accept="image/jpeg,image/png"
        aria-label="选择头像图片"
        onChange={picked}
      />
    </View>
  );
}
