// Implemented per platform: AvatarPicker.weapp.tsx (WeChat's 头像昵称填写: a <Button openType="chooseAvatar">, the
// picture shrunk with Taro.compressImage) and AvatarPicker.h5.tsx (a file picker, the picture cropped and shrunk on a
// canvas). Both hand over a small square JPEG (avatarImage.ts) as base64, ready for PUT /v1/me/avatar.
import type { ReactElement, ReactNode } from 'react';

export interface AvatarPickerProps {
  /** What the avatar shows now; tapping it picks another. */
  children: ReactNode;
  busy: boolean;
  onPicked(base64: string): void;
  /** A picture that could not be read or shrunk, in Chinese. */
  onError(message: string): void;
}

export declare function AvatarPicker(props: AvatarPickerProps): ReactElement;

/** The nickname field's input type: WeChat's nickname fill-in ('nickname') on weapp, plain text on H5. */
export declare const NICKNAME_INPUT_TYPE: 'nickname' | 'text';
