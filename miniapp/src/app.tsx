import type { PropsWithChildren } from 'react';
import { config as zodConfig } from 'zod/mini';
import { AuthProvider } from './auth/AuthProvider';
import { installPrivacyGuard } from './auth/privacy';
import { zodChinese } from './lib/zodLocale';
import './app.scss';

// The shared schemas (zod) validate forms here too. Mini-programs forbid `new Function`, so no JIT compilation.
// Messages in Chinese, as the server sets them (functions/lib/validation.ts): zod's zh-CN locale with plain words
// where it names types in English (lib/zodLocale.ts). A schema's own message still wins.
zodConfig({ ...zodChinese(), jitless: true });

// WeChat holds every privacy API until the user agrees in our own popup (auth/PrivacyPopup); nothing before that.
installPrivacyGuard();

function App({ children }: PropsWithChildren) {
  // children are the pages; the provider gives every page the signed-in user.
  return <AuthProvider>{children}</AuthProvider>;
}

export default App;
