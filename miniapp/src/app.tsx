import type { PropsWithChildren } from 'react';
import { config as zodConfig } from 'zod';
import { AuthProvider } from './auth/AuthProvider';
import './app.scss';

// The shared schemas (zod) validate forms here too. Mini-programs forbid `new Function`, so no JIT compilation.
zodConfig({ jitless: true });

function App({ children }: PropsWithChildren) {
  // children are the pages; the provider gives every page the signed-in user.
  return <AuthProvider>{children}</AuthProvider>;
}

export default App;
