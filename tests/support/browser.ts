// Browser test harness (tests/e2e): the local server in-process — real handlers behind the local gateway, an in-memory
// embedded store, and the H5 build on the same origin — plus headless Debian Chromium driven by playwright-core.
//
//   const app = await startBrowserApp();          // builds miniapp/dist/h5 first when missing or stale
//   await app.signIn('admin');                     // through the dev sign-in screen
//   await expect(app.visiblePage().getByText('活动')).toBeVisible() — or app.waitForText('活动')
//   await app.close();
//
// H5_DIST=/abs/or/relative/dir points it at a private build (`TARO_OUTPUT_ROOT=... npm run build:h5`); that dir is
// used as is, never auto-built.
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { resetDbClient } from '../../functions/lib/db';
import { LocalGateway } from '../../infra/local/gateway';
import { buildH5IfStale } from '../../infra/local/h5';
import { createAppServer } from '../../infra/local/server';
import { ROOT } from '../../infra/local/serverlessConfig';
import { ensureTable, startEmbeddedStore, type EmbeddedStore } from '../../infra/local/store';
import { startStreamConsumers } from '../../infra/local/streams';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const DEFAULT_H5_DIR = path.join(ROOT, 'miniapp', 'dist', 'h5');
/** Where the mini-program keeps its session token (miniapp/src/auth/session.ts), in Taro's H5 storage format. */
const TOKEN_STORAGE_KEY = 'rc.session.token';
/** Generous: the first H5 build takes ~30–60 s on two cores. */
export const E2E_TIMEOUT_MS = 240_000;

/** The bits of the browser's globals used inside page.evaluate (the repo's tsconfig has no DOM lib). */
interface BrowserGlobals {
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

export interface BrowserApp {
  /** http://127.0.0.1:<port> — API under /v1, the H5 app at /. */
  baseUrl: string;
  context: BrowserContext;
  /** The first tab; open more with context.newPage(). */
  page: Page;
  /**
   * Console errors and uncaught exceptions of every tab so far (a failed resource load — a 404 or a cut network a
   * test caused on purpose — is not one). `close()` fails the test file when any is left: clear the ones a test
   * expects (`consoleErrors.length = 0`).
   */
  consoleErrors: string[];
  /** Opens a path of the app, e.g. '/' or '/pages/me/index'. */
  open(pathname?: string, page?: Page): Promise<void>;
  /**
   * Signs in as `dev:<account>`: through the sign-in sheet when the page shows it (a page that needs a user, or an
   * action the test tapped), else through the dev sign-in screen; waits for the sheet to close or the page it returns to.
   */
  signIn(account: string, page?: Page): Promise<void>;
  /** The session token the app holds in the browser ('' when signed out). */
  sessionToken(page?: Page): Promise<string>;
  /** Signs in through the API and stores the token in the browser: fast, for tests that are not about sign-in. */
  signInFast(account: string, page?: Page): Promise<{ token: string; userId: string }>;
  /** The Taro page on screen. H5 keeps earlier pages in the DOM (hidden), so always look inside this. */
  visiblePage(page?: Page): Locator;
  /** The text box on the current page whose placeholder contains `placeholder` (the real <input>, not Taro's wrapper). */
  field(placeholder: string, page?: Page): Locator;
  /** Types into that text box like a person (Taro's inputs ignore a programmatic fill), replacing what was there. */
  fillField(placeholder: string, value: string, page?: Page): Promise<void>;
  /** The button on the current page labelled exactly `label` (Taro's <taro-button-core> on H5). */
  button(label: string, page?: Page): Locator;
  /** Waits until `text` is visible on the current page. */
  waitForText(text: string | RegExp, page?: Page): Promise<Locator>;
  /** Taps the tab bar item with this label (首页, 活动, 空间, 寄语墙, 我的). */
  tab(label: string, page?: Page): Promise<void>;
  /** Calls the API directly (e.g. to grant roles or seed data), as the signed-in test code would. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are whatever the route returns
  api<T = any>(
    method: string,
    url: string,
    options?: { token?: string; body?: unknown },
  ): Promise<{ status: number; body: T }>;
  /**
   * Points the handlers at a stand-in store that answers every call with HTTP 503 (the API then answers 503
   * UNAVAILABLE), and back. A closed port would do in production, but under jest the SDK wraps a cross-realm socket
   * error into a plain Error without its code, so the API would answer 500 instead.
   */
  storeDown(): void;
  storeUp(): void;
  /** Resolves once the stream functions (sign-up and visit figures) have every change so far. */
  streamsSettled(): Promise<void>;
  close(): Promise<void>;
}

export interface BrowserAppOptions {
  /** Viewport of a phone by default. */
  viewport?: { width: number; height: number };
  /**
   * A Y4M file Chromium plays as the camera (see fakeCamera.ts), with camera access granted: for in-page scanning.
   * The file is read when a page opens the camera, so it may be written after start-up.
   */
  fakeCameraFile?: string;
}

function h5Dir(): { dir: string; autoBuild: boolean } {
  if (process.env.H5_DIST) return { dir: path.resolve(ROOT, process.env.H5_DIST), autoBuild: false };
  return { dir: DEFAULT_H5_DIR, autoBuild: true };
}

/** Builds miniapp/dist/h5 when stale, once even when several test files start together (a lock file between workers). */
async function ensureH5Build(): Promise<string> {
  const { dir, autoBuild } = h5Dir();
  if (!autoBuild) {
    if (!existsSync(path.join(dir, 'index.html')))
      throw new Error(`H5_DIST=${dir} has no index.html: build it first`);
    return dir;
  }
  const lock = path.join(ROOT, 'miniapp', '.h5-build.lock');
  const deadline = Date.now() + E2E_TIMEOUT_MS;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch {
      // Another worker is building; a lock older than 5 minutes was left by a crash.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  // The build inherits this process's env: jest sets NODE_ENV=test, which would make Taro produce an unminified build
  // with dev-only code (react-refresh) that does not run; and the default dir is what we serve.
  const saved = { NODE_ENV: process.env.NODE_ENV, TARO_OUTPUT_ROOT: process.env.TARO_OUTPUT_ROOT };
  try {
    process.env.NODE_ENV = 'production';
    delete process.env.TARO_OUTPUT_ROOT;
    await buildH5IfStale((line) => console.log(line));
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(lock, { force: true });
  }
  return dir;
}

export async function startBrowserApp(options: BrowserAppOptions = {}): Promise<BrowserApp> {
  const staticDir = await ensureH5Build();
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} not found: apt-get install -y chromium fonts-noto-cjk`);

  const store: EmbeddedStore = await startEmbeddedStore();
  process.env.DYNAMODB_ENDPOINT = store.endpoint;
  resetDbClient();
  await ensureTable(store.endpoint, process.env.TABLE_NAME!);
  // The functions on the table's stream run beside the API, as `npm start` runs them.
  const streams = await startStreamConsumers(store.changes);
  const gateway = new LocalGateway();
  const server: Server = createAppServer(gateway, staticDir);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const brokenStore = createServer((_req, res) => {
    res.writeHead(503, { 'content-type': 'application/x-amz-json-1.0' });
    res.end(
      JSON.stringify({
        __type: 'com.amazon.coral.availability#ServiceUnavailableException',
        message: 'store down (test)',
      }),
    );
  });
  await new Promise<void>((resolve) => brokenStore.listen(0, '127.0.0.1', resolve));
  const brokenStoreEndpoint = `http://127.0.0.1:${(brokenStore.address() as AddressInfo).port}`;

  const userDataDir = mkdtempSync(path.join(tmpdir(), 'rc-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: options.fakeCameraFile
      ? [
          ...CHROMIUM_FLAGS,
          '--use-fake-ui-for-media-stream',
          '--use-fake-device-for-media-stream',
          `--use-file-for-fake-video-capture=${options.fakeCameraFile}`,
        ]
      : CHROMIUM_FLAGS,
    viewport: options.viewport ?? { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(20_000);
  const consoleErrors: string[] = [];
  const watchConsole = (p: Page) => {
    p.on('console', (message) => {
      if (message.type() === 'error' && !/^Failed to load resource: /.test(message.text()))
        consoleErrors.push(`${p.url()}: ${message.text()}`);
    });
    p.on('pageerror', (error) => consoleErrors.push(`${p.url()}: ${error.message}`));
  };
  context.pages().forEach(watchConsole);
  context.on('page', watchConsole);
  const page = context.pages()[0] ?? (await context.newPage());

  const visiblePage = (p: Page = page) => p.locator('.taro_page:visible').last();

  const app: BrowserApp = {
    baseUrl,
    context,
    page,
    consoleErrors,
    async open(pathname = '/', p = page) {
      await p.goto(baseUrl + pathname);
    },
    async signIn(account, p = page) {
      // Nothing open yet: the dev sign-in page, which then goes to 首页.
      if (!p.url().startsWith(baseUrl)) await p.goto(`${baseUrl}/pages/login/index`);
      const sheet = p.locator('.rc-signin-sheet');
      if (!/\/pages\/login\/index/.test(p.url())) {
        // Pages that need a user ask by themselves with the sign-in sheet (miniapp/src/auth/requireSignIn.ts); a
        // test can also open it with an action. Otherwise go to the sign-in page.
        const asked = await sheet
          .waitFor({ state: 'visible', timeout: 3_000 })
          .then(() => true)
          .catch(() => false);
        if (asked) {
          const input = sheet.locator('input[placeholder*="输入账号"]');
          await input.click();
          await input.pressSequentially(account);
          await sheet.locator('button', { hasText: /^\s*登录\s*$/ }).click();
          await sheet.waitFor({ state: 'detached' });
          return;
        }
        await p.goto(`${baseUrl}/pages/login/index`);
      }
      await app.fillField('输入账号', account, p);
      await app.button('登录', p).click();
      await p.waitForURL((url) => !url.pathname.startsWith('/pages/login/index'));
    },
    async signInFast(account, p = page) {
      const res = await app.api<{ token: string; user: { id: string } }>('POST', '/v1/auth/login', {
        body: { code: `dev:${account}` },
      });
      if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
      if (!p.url().startsWith(baseUrl)) await p.goto(`${baseUrl}/pages/login/index`);
      await p.evaluate(
        ([key, token]) =>
          (globalThis as unknown as BrowserGlobals).localStorage.setItem(
            key,
            JSON.stringify({ data: token }),
          ),
        [TOKEN_STORAGE_KEY, res.body.token],
      );
      return { token: res.body.token, userId: res.body.user.id };
    },
    async sessionToken(p = page) {
      const stored = await p.evaluate(
        (key) => (globalThis as unknown as BrowserGlobals).localStorage.getItem(key),
        TOKEN_STORAGE_KEY,
      );
      try {
        return (JSON.parse(stored ?? '{}') as { data?: string }).data ?? '';
      } catch {
        return '';
      }
    },
    visiblePage,
    field(placeholder, p = page) {
      return visiblePage(p)
        .locator(`input[placeholder*="${placeholder}"], textarea[placeholder*="${placeholder}"]`)
        .first();
    },
    async fillField(placeholder, value, p = page) {
      const input = app.field(placeholder, p);
      await input.click();
      await input.press('ControlOrMeta+a');
      await input.press('Backspace');
      await input.pressSequentially(value);
    },
    button(label, p = page) {
      const exact = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
      return visiblePage(p).locator('taro-button-core, button').filter({ hasText: exact }).first();
    },
    async waitForText(text, p = page) {
      const locator = visiblePage(p).getByText(text).first();
      await locator.waitFor({ state: 'visible' });
      return locator;
    },
    async tab(label, p = page) {
      await p.locator('.weui-tabbar__label', { hasText: label }).first().click();
    },
    async api(method, url, { token, body } = {}) {
      const res = await fetch(baseUrl + url, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return {
        status: res.status,
        body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
      };
    },
    storeDown() {
      process.env.DYNAMODB_ENDPOINT = brokenStoreEndpoint;
      resetDbClient();
    },
    storeUp() {
      process.env.DYNAMODB_ENDPOINT = store.endpoint;
      resetDbClient();
    },
    streamsSettled: () => streams.settled(),
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      brokenStore.closeAllConnections();
      await new Promise<void>((resolve) => brokenStore.close(() => resolve()));
      await streams.stop();
      resetDbClient();
      await store.close();
      if (consoleErrors.length)
        throw new Error(
          `console errors during the test (the suite allows none):\n${consoleErrors.join('\n')}`,
        );
    },
  };
  return app;
}
