// WeChat's 头像昵称填写: the avatar is a <Button openType="chooseAvatar"> (WeChat offers the user's WeChat avatar, the
// album or the camera, already cropped square); the picture is shrunk with Taro.compressImage to AVATAR_SIDE px and
// read as base64.
import { Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { AvatarPickerProps } from './AvatarPicker';
import { AVATAR_SIDE, TOO_BIG, UNREADABLE, firstThatFits } from './avatarImage';

export const NICKNAME_INPUT_TYPE = 'nickname' as const;

async function shrink(path: string): Promise<string> {
  const files = Taro.getFileSystemManager();
  return firstThatFits(async (quality) => {
    const { tempFilePath } = await Taro.compressImage({
      src: path,
      quality: Math.round(quality * 100),
      compressedWidth: AVATAR_SIDE,
      compressedHeight: AVATAR_SIDE,
    });
    return files.readFileSync(tempFilePath, 'base64') as string;
  });
}

export function AvatarPicker({ children, busy, onPicked, onError }: AvatarPickerProps) {
  return (
    <Button
      className="rc-me__avatar-picker rc-me__avatar-button"
      openType="chooseAvatar"
      onChooseAvatar={(event) => {
        const path = (event.detail as { avatarUrl?: string }).avatarUrl;
        if (busy || !path) return;
        shrink(path).then(onPicked, (err: unknown) =>
          onError(err instanceof Error && err.message === TOO_BIG ? TOO_BIG : UNREADABLE),
        );
      }}
    >
      {children}
    </Button>
  );
}
