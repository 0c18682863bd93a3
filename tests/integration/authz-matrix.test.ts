// Issue 17: the authorisation matrix. Every HTTP route of serverless.yml has a row here saying who may call it; the
// test checks the table against the route list (a new route without a row fails, as does a row for a route that is
// gone), then calls every route as {anonymous, member, merchant, staff}:
//   - below the route's access: exactly 401 UNAUTHENTICATED (anonymous) or 403 FORBIDDEN, in the contract's shape;
//   - at or above it: neither 401 nor 403, and never a 5xx (ids that do not exist and empty bodies, so nothing of
//     substance runs: the answer is 404/422 or a read).
// Staff rows also admit admins; `admin` rows admit admins only. The table is written by hand on purpose: it is the
// statement of who may do what, not a copy of the handlers' `access` option.
import { httpRoutes } from '../../infra/local/serverlessConfig';
import { startTestApp, type ApiResponse, type TestApp } from '../support/app';
import { approvedMerchant } from './alliance.support';

jest.setTimeout(120_000);

type Access = 'public' | 'user' | 'merchant' | 'staff' | 'admin';
type Role = 'anonymous' | 'member' | 'merchant' | 'staff';

const ACCESS: Record<string, Access> = {
  'GET /v1/health': 'public',
  'POST /v1/auth/login': 'public',
  'ANY *': 'public',
  'GET /v1/me': 'user',
  'PATCH /v1/me': 'user',
  'DELETE /v1/me': 'user',
  'GET /v1/me/export': 'user',
  'PUT /v1/me/avatar': 'user',
  'DELETE /v1/me/avatar': 'user',
  'GET /v1/users/{id}/avatar': 'public',
  'GET /v1/me/inbox': 'user',
  'POST /v1/me/inbox/read': 'user',
  'PUT /v1/admin/users/{userId}/roles': 'admin',
  'GET /v1/admin/stats': 'staff',
  'GET /v1/admin/dashboard': 'staff',
  // alliance
  'POST /v1/merchants': 'user',
  'GET /v1/merchants/me': 'user',
  'GET /v1/merchants/me/offers': 'merchant',
  'GET /v1/merchants/me/stats': 'merchant',
  'GET /v1/admin/merchants': 'staff',
  'POST /v1/admin/merchants/{id}/decision': 'staff',
  'GET /v1/admin/alliance/stats': 'staff',
  'POST /v1/offers': 'merchant',
  'GET /v1/offers': 'public',
  'GET /v1/offers/{id}': 'public',
  'PATCH /v1/offers/{id}': 'merchant',
  'DELETE /v1/offers/{id}': 'merchant',
  'POST /v1/offers/{id}/claims': 'user',
  'GET /v1/me/claims': 'user',
  'POST /v1/redemptions': 'merchant',
  // spaces
  'POST /v1/spaces': 'admin',
  'GET /v1/spaces': 'public',
  'GET /v1/spaces/{id}': 'public',
  'PATCH /v1/spaces/{id}': 'admin',
  'GET /v1/spaces/{id}/qrcode': 'staff',
  'POST /v1/spaces/{id}/qrcode/rotate': 'staff',
  'POST /v1/spaces/{id}/checkins': 'user',
  'POST /v1/spaces/{id}/checkout': 'user',
  'GET /v1/spaces/{id}/stats': 'staff',
  'GET /v1/spaces/{id}/stats/daily': 'staff',
  'GET /v1/me/checkins': 'user',
  // wall
  'POST /v1/messages': 'user',
  'GET /v1/messages': 'public',
  'GET /v1/me/messages': 'user',
  'PUT /v1/messages/{id}/like': 'user',
  'DELETE /v1/messages/{id}/like': 'user',
  'DELETE /v1/messages/{id}': 'user',
  'GET /v1/admin/messages': 'staff',
  'POST /v1/admin/messages/{id}/decision': 'staff',
  'GET /v1/admin/settings/wall': 'staff',
  'PUT /v1/admin/settings/wall': 'staff',
  // events
  'POST /v1/events': 'staff',
  'GET /v1/events': 'public',
  'GET /v1/events/{id}': 'public',
  'PATCH /v1/events/{id}': 'staff',
  'POST /v1/events/{id}/close': 'staff',
  'POST /v1/events/{id}/cancel': 'staff',
  'POST /v1/events/{id}/signups': 'user',
  'DELETE /v1/events/{id}/signups/me': 'user',
  'GET /v1/events/{id}/signups': 'staff',
  'GET /v1/me/signups': 'user',
  'POST /v1/events/{id}/attendance': 'staff',
  'GET /v1/events/{id}/rollcalls': 'staff',
  // venues and bookings
  'POST /v1/venues': 'staff',
  'GET /v1/venues': 'public',
  'GET /v1/venues/{id}': 'public',
  'PATCH /v1/venues/{id}': 'staff',
  'POST /v1/venues/{id}/bookings': 'user',
  'GET /v1/venues/{id}/bookings': 'public',
  'GET /v1/me/bookings': 'user',
  'DELETE /v1/bookings/{id}': 'user',
  'POST /v1/admin/bookings/{id}/decision': 'staff',
  'GET /v1/admin/bookings': 'staff',
  // services and duty
  'GET /v1/services': 'public',
  'PUT /v1/admin/services': 'staff',
  'POST /v1/service-requests': 'user',
  'GET /v1/me/service-requests': 'user',
  'DELETE /v1/service-requests/{id}': 'user',
  'GET /v1/admin/service-requests': 'staff',
  'POST /v1/admin/service-requests/{id}/transition': 'staff',
  'POST /v1/duty': 'staff',
  'GET /v1/duty': 'public',
  'DELETE /v1/duty/{id}': 'staff',
  'POST /v1/admin/duty/copy-week': 'staff',
  'POST /v1/duty/{id}/appointments': 'user',
  'DELETE /v1/duty/{id}/appointments/me': 'user',
  'GET /v1/duty/{id}/appointments': 'staff',
  'GET /v1/me/duty-appointments': 'user',
};

/** Routes whose success would end the caller's session: each call gets an actor of its own. */
const ENDS_THE_SESSION = new Set(['DELETE /v1/me']);

const ROLES: readonly Role[] = ['anonymous', 'member', 'merchant', 'staff'];

function allowed(access: Access, role: Role): boolean {
  if (access === 'public') return true;
  if (role === 'anonymous') return false;
  if (access === 'user') return true;
  if (access === 'merchant') return role === 'merchant';
  if (access === 'staff') return role === 'staff';
  return false; // admin: none of the four
}

const routes = httpRoutes();
const keyOf = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

/** A concrete request for the route: ids that do not exist, an empty JSON body on writes. */
function requestFor(method: string, path: string): { method: string; url: string; body?: unknown } {
  if (path === '*') return { method: 'GET', url: '/v1/no-such-route' };
  const url = path.replace(/\{(\w+)\}/g, 'NOSUCHID0000000000000000AB');
  return { method, url, ...(['POST', 'PUT', 'PATCH'].includes(method) ? { body: {} } : {}) };
}

let app: TestApp;
let tokens: Record<Role, string | undefined>;
let fresh = 0;
beforeAll(async () => {
  app = await startTestApp();
  const merchant = await approvedMerchant(app, 'authz_merchant');
  tokens = {
    anonymous: undefined,
    member: (await app.login('authz_member')).token,
    merchant: merchant.token,
    staff: (await app.userWithRoles('authz_staff', ['staff'])).token,
  };
});
afterAll(async () => {
  await app.close();
});

async function tokenFor(role: Role, key: string): Promise<string | undefined> {
  if (role === 'anonymous' || !ENDS_THE_SESSION.has(key)) return tokens[role];
  const openid = `authz_once_${++fresh}`;
  if (role === 'member') return (await app.login(openid)).token;
  return (await app.userWithRoles(openid, [role])).token;
}

function describeReply(res: ApiResponse): string {
  return `${res.status} ${res.body?.error?.code ?? ''}`.trim();
}

it('has exactly one row per route of serverless.yml (a new route without a row fails here)', () => {
  const keys = routes.map(keyOf);
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys.filter((k) => !(k in ACCESS))).toEqual([]);
  expect(Object.keys(ACCESS).filter((k) => !keys.includes(k))).toEqual([]);
});

it('answers every route × role as the table says', async () => {
  const cells = routes.flatMap((r) => ROLES.map((role) => ({ key: keyOf(r), r, role })));
  const mismatches: string[] = [];
  const counts: Record<string, number> = {};
  // A few at a time: the whole matrix in a bounded time without flooding the machine.
  for (let i = 0; i < cells.length; i += 8) {
    await Promise.all(
      cells.slice(i, i + 8).map(async ({ key, r, role }) => {
        const { method, url, body } = requestFor(r.method, r.path);
        const res = await app.request(method, url, { token: await tokenFor(role, key), body });
        counts[res.status] = (counts[res.status] ?? 0) + 1;
        const may = allowed(ACCESS[key], role);
        const got = describeReply(res);
        if (may && (res.status === 401 || res.status === 403 || res.status >= 500))
          mismatches.push(`${key} as ${role}: expected access, got ${got}`);
        if (!may) {
          const want = role === 'anonymous' ? '401 UNAUTHENTICATED' : '403 FORBIDDEN';
          if (got !== want || !res.body.error.requestId)
            mismatches.push(`${key} as ${role}: expected ${want}, got ${got}`);
        }
      }),
    );
  }
  console.log(`authorisation matrix: ${cells.length} requests, statuses ${JSON.stringify(counts)}`);
  expect(mismatches).toEqual([]);
});
