// The weapp release configuration (miniapp/config/buildEnv.ts, `npm run release:weapp`): the API URL and the
// subscribe-message template ids come from TARO_APP_* variables, and a release refuses a non-HTTPS or local API URL
// and a placeholder template id — before building anything.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { releaseProblems, weappBuildEnv } from '../../miniapp/config/buildEnv';

const ROOT = path.resolve(__dirname, '..', '..');
const TEMPLATE_ID = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE';
const VENUE_TEMPLATE_ID = 'VnCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE';
const SERVICE_TEMPLATE_ID = 'SvCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE';

describe('weapp build configuration', () => {
  it('reads the API URL and the template id from TARO_APP_* variables', () => {
    expect(
      weappBuildEnv({
        TARO_APP_API_BASE_URL: 'https://api.hctl.gov.cn/',
        TARO_APP_EVENT_REMINDER_TEMPLATE_ID: TEMPLATE_ID,
        TARO_APP_VENUE_REMINDER_TEMPLATE_ID: VENUE_TEMPLATE_ID,
        TARO_APP_SERVICE_STATUS_TEMPLATE_ID: SERVICE_TEMPLATE_ID,
      }),
    ).toEqual({
      apiBaseUrl: 'https://api.hctl.gov.cn',
      templateIds: {
        eventReminder: TEMPLATE_ID,
        venueReminder: VENUE_TEMPLATE_ID,
        serviceStatus: SERVICE_TEMPLATE_ID,
      },
    });
    expect(weappBuildEnv({}).apiBaseUrl).toBe('http://127.0.0.1:3000');
  });

  it('lets a release through only with a public HTTPS API and a real template id', () => {
    const env = (url: string, id: string, others: Record<string, string> = {}) =>
      releaseProblems(
        weappBuildEnv({
          TARO_APP_API_BASE_URL: url,
          TARO_APP_EVENT_REMINDER_TEMPLATE_ID: id,
          TARO_APP_VENUE_REMINDER_TEMPLATE_ID: VENUE_TEMPLATE_ID,
          TARO_APP_SERVICE_STATUS_TEMPLATE_ID: SERVICE_TEMPLATE_ID,
          ...others,
        }),
      );
    expect(env('https://api.hctl.gov.cn', TEMPLATE_ID)).toEqual([]);
    expect(env('http://api.hctl.gov.cn', TEMPLATE_ID).join()).toContain('must be https://');
    expect(env('https://127.0.0.1:3000', TEMPLATE_ID).join()).toContain('public domain');
    expect(env('not a url', TEMPLATE_ID).join()).toContain('not a URL');
    for (const id of ['', 'EVENT_REMINDER_TEMPLATE_ID', 'xxxxxxxxxxxxxxxxxxxxxxxx', 'short'])
      expect({ id, problems: env('https://api.hctl.gov.cn', id).join() }).toEqual({
        id,
        problems: expect.stringContaining('TARO_APP_EVENT_REMINDER_TEMPLATE_ID'),
      });
    // Every template id the app asks consent for is checked: the venue reminder and the service-request status.
    expect(
      env('https://api.hctl.gov.cn', TEMPLATE_ID, { TARO_APP_VENUE_REMINDER_TEMPLATE_ID: '' }).join(),
    ).toContain('TARO_APP_VENUE_REMINDER_TEMPLATE_ID');
    expect(
      env('https://api.hctl.gov.cn', TEMPLATE_ID, {
        TARO_APP_SERVICE_STATUS_TEMPLATE_ID: 'TEMPLATE_ID_HERE',
      }).join(),
    ).toContain('TARO_APP_SERVICE_STATUS_TEMPLATE_ID');
  });

  it('`npm run release:weapp` refuses to build with a non-HTTPS API URL or a placeholder template id', () => {
    const res = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['miniapp/config/release.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        TARO_APP_API_BASE_URL: 'http://127.0.0.1:3000',
        TARO_APP_EVENT_REMINDER_TEMPLATE_ID: 'EVENT_REMINDER_TEMPLATE_ID',
      },
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('refusing to build a weapp release');
    expect(res.stderr).toContain('must be https://');
    expect(res.stderr).toContain('TARO_APP_EVENT_REMINDER_TEMPLATE_ID');
    expect(res.stdout).not.toContain('taro build');
  }, 60_000);
});
