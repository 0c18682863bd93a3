// H5: the local sign-in (the dev provider's account, code `dev:<account>`) as a sheet over the current page — never
// a page of its own. It lives in its own React root on <body>, so the page underneath stays as it was: 暂不登录 (or a
// tap on the backdrop) closes it and the user is back where they were.
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { toApiError } from '../api/errors';
import { LEGAL_PAGES, type LegalPage } from './legal';
import './signInPrompt.scss';

const ACCOUNT = /^[A-Za-z0-9_-]{1,64}$/;
const QUICK = ['admin', 'zhangsan', 'lisi'];

interface SheetProps {
  signIn(code: string): Promise<void>;
  done(signedIn: boolean): void;
}

function SignInSheet({ signIn, done }: SheetProps) {
  const [account, setAccount] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  async function submit(name = account.trim()) {
    if (busy) return;
    if (!ACCOUNT.test(name)) {
      setMessage('账号为 1–64 位字母、数字、下划线或短横线');
      return;
    }
    setBusy(true);
    setMessage('');
    try {
      await signIn(`dev:${name}`);
      done(true);
    } catch (err) {
      setMessage(toApiError(err).message);
      setBusy(false);
    }
  }

  function openLegal(page: LegalPage) {
    // Closed once the legal page is open, so a page that asked on arrival sees it was left, not declined.
    void Taro.navigateTo({ url: LEGAL_PAGES[page].url }).finally(() => done(false));
  }

  return (
    <div className="rc-signin-sheet" role="dialog" aria-modal="true" aria-label="登录">
      <div className="rc-signin-sheet__backdrop" onClick={() => !busy && done(false)} />
      <div className="rc-signin-sheet__panel">
        <div className="rc-signin-sheet__title">登录后继续</div>
        <div className="rc-signin-sheet__desc">
          报名、发布、点赞、领取、签到和预约需要登录；浏览无需登录。
        </div>
        <div className="rc-signin-sheet__label">开发登录（本地环境）</div>
        <input
          className="rc-signin-sheet__input"
          name="account"
          placeholder="输入账号，如 admin 或 zhangsan"
          value={account}
          maxLength={64}
          autoComplete="off"
          onChange={(e) => setAccount(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && void submit()}
        />
        {message ? (
          <div className="rc-signin-sheet__message" role="alert">
            {message}
          </div>
        ) : null}
        <div className="rc-signin-sheet__quick">
          {QUICK.map((name) => (
            <span key={name} className="rc-signin-sheet__chip" onClick={() => void submit(name)}>
              {name}
            </span>
          ))}
        </div>
        <button
          type="button"
          className="rc-signin-sheet__submit"
          disabled={busy}
          onClick={() => void submit()}
        >
          {busy ? '登录中…' : '登录'}
        </button>
        <button
          type="button"
          className="rc-signin-sheet__decline"
          disabled={busy}
          onClick={() => done(false)}
        >
          暂不登录
        </button>
        <div className="rc-signin-sheet__agreement">
          登录即表示同意
          <span className="rc-signin-sheet__link" onClick={() => openLegal('terms')}>
            《{LEGAL_PAGES.terms.title}》
          </span>
          和
          <span className="rc-signin-sheet__link" onClick={() => openLegal('privacy')}>
            《{LEGAL_PAGES.privacy.title}》
          </span>
        </div>
      </div>
    </div>
  );
}

export function promptSignIn(signIn: (code: string) => Promise<void>): Promise<boolean> {
  return new Promise((resolve) => {
    const host = document.createElement('div');
    host.className = 'rc-signin-host';
    document.body.appendChild(host);
    const root = createRoot(host);
    let settled = false;
    const done = (signedIn: boolean) => {
      if (settled) return;
      settled = true;
      // Unmount after this event has finished with the sheet's own elements.
      setTimeout(() => {
        root.unmount();
        host.remove();
      }, 0);
      resolve(signedIn);
    };
    root.render(<SignInSheet signIn={signIn} done={done} />);
  });
}
