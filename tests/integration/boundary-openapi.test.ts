// Issue 17: docs/openapi.json is the OpenAPI 3.1 document built from every route of serverless.yml and the zod
// schemas its handler declares (functions/lib/http/openapi.ts). This test fails when the file drifts from the code;
// `UPDATE_OPENAPI=1 npx jest tests/integration/boundary-openapi.test.ts` rewrites it. `npm start` serves it at /docs.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { routeSpecOf } from '../../functions/lib/http/route';
import {
  buildOpenApi,
  REPLIES,
  routesWithoutReplySchema,
  type DocumentedRoute,
} from '../../functions/lib/http/openapi';
import { ROUTE_DOCS } from '../../functions/lib/http/openapiRoutes';
import type { AddressInfo } from 'node:net';
import { LocalGateway, loadHandler } from '../../infra/local/gateway';
import { createAppServer } from '../../infra/local/server';
import { httpRoutes, ROOT } from '../../infra/local/serverlessConfig';

jest.setTimeout(60_000);

const FILE = path.join(ROOT, 'docs', 'openapi.json');

async function documentedRoutes(): Promise<DocumentedRoute[]> {
  return Promise.all(
    httpRoutes().map(async (r) => ({
      method: r.method,
      path: r.path,
      functionName: r.functionName,
      spec: routeSpecOf(await loadHandler(r.handler)),
    })),
  );
}

let routes: DocumentedRoute[];
let built: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
beforeAll(async () => {
  routes = await documentedRoutes();
  built = buildOpenApi(routes);
  if (process.env.UPDATE_OPENAPI === '1') {
    writeFileSync(FILE, JSON.stringify(built));
    spawnSync(path.join(ROOT, 'node_modules', '.bin', 'prettier'), ['--write', FILE], { cwd: ROOT });
  }
});

it('docs/openapi.json is the document the code builds (UPDATE_OPENAPI=1 rewrites it)', () => {
  expect(JSON.parse(readFileSync(FILE, 'utf8'))).toEqual(JSON.parse(JSON.stringify(built)));
});

it('documents every route with its request schema and the contract error replies', () => {
  const routes = httpRoutes();
  const operations = Object.values(built.paths).flatMap((p) => Object.values(p as object));
  expect(operations).toHaveLength(routes.length);
  const claim = built.paths['/v1/redemptions'].post;
  expect(claim.requestBody.content['application/json'].schema.properties).toHaveProperty('code');
  expect(Object.keys(claim.responses)).toEqual(
    expect.arrayContaining(['2XX', '401', '403', '409', '413', '422', '429', '503']),
  );
  expect(claim.description).toMatch(/Rate limit: 20 per user per 600 s \(counting replies 404, 422\)/);
  expect(built.paths['/v1/events'].get.security).toEqual([]);
  expect(built.paths['/v1/events'].get.parameters.map((p: { name: string }) => p.name)).toContain('kind');
  expect(built.paths['/{anyPath}'].get.responses).toHaveProperty('404');
  // Every route built with route() declared its access; only health and the $default route are plain handlers.
  const plain = operations.filter((o) => !/\bAccess: /.test((o as { description: string }).description));
  expect(plain.length).toBeLessThanOrEqual(2);
});

it('declares the reply schema of every JSON success reply (shared/api/replies/*.ts), closed and exact', () => {
  expect(routesWithoutReplySchema(routes)).toEqual([]);
  // ...and no schema or row for a route that does not exist (a typo would leave the real route undocumented).
  const keys = new Set(routes.map((r) => `${r.method} ${r.path}`));
  expect([...Object.keys(REPLIES), ...Object.keys(ROUTE_DOCS)].filter((key) => !keys.has(key))).toEqual([]);
  const event = built.paths['/v1/events/{id}'].get.responses['2XX'].content['application/json'].schema;
  expect(event.additionalProperties).toBe(false);
  expect(event.properties.event.additionalProperties).toBe(false);
  expect(event.properties.event.properties.startsAt.format).toBe('date-time');
  expect(event.properties.event.properties.kind.enum).toEqual([
    'party_lesson',
    'youth_education',
    'activity',
  ]);
  expect(event.properties.mySignup.anyOf).toContainEqual({ type: 'null' });
});

it('gives every route its summary, and the 409 codes it answers with as an enum', () => {
  expect(routes.map((r) => `${r.method} ${r.path}`).filter((key) => !ROUTE_DOCS[key])).toEqual([]);
  const claim = built.paths['/v1/offers/{id}/claims'].post.responses['409'];
  expect(claim.content['application/json'].schema.allOf[1].properties.error.properties.code.enum).toEqual([
    'OFFER_NOT_ACTIVE',
    'SOLD_OUT',
    'LIMIT_REACHED',
    'REQUEST_IN_PROGRESS',
  ]);
  expect(claim.description).toMatch(/SOLD_OUT \(every unit is claimed\)/);
  // A write with no business rule of its own documents no 409.
  expect(built.paths['/v1/messages/{id}/like'].put.responses).not.toHaveProperty('409');
});

it('npm start serves the reference at /docs and the document at /docs/openapi.json', async () => {
  const server = createAppServer(new LocalGateway(), path.join(ROOT, 'miniapp', 'dist', 'h5'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const page = await fetch(`${base}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<code>/v1/redemptions</code>');
    expect(html).not.toMatch(/<script/i);
    const doc = await fetch(`${base}/docs/openapi.json`);
    expect(await doc.json()).toEqual(JSON.parse(readFileSync(FILE, 'utf8')));
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
