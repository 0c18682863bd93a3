// Implemented per platform: SignInPanel.weapp.tsx (wx.login) and SignInPanel.h5.tsx (the local dev provider).
import type { ReactElement } from 'react';
import type { SignInPanelProps } from './SignInPanel.types';

export declare function SignInPanel(props: SignInPanelProps): ReactElement;
