// Issue 17, defect 7 (unknown routes): API Gateway's `$default` route (`httpApi: '*'` in functions/core.functions.yml)
// and the local gateway answer every request no route matches with the contract's 404 body, never the gateway's own
// `{"message":"Not Found"}`. The deploy tier checks the template's `$default` route (tests/deploy/template.test.ts).
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { handler as unknownRoute } from '../../functions/health/handlers/unknownRoute';
import { httpRoutes } from '../../infra/local/serverlessConfig';
import { startTestApp, type ApiResponse, type TestApp } from '../support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

function expectContract404(res: ApiResponse) {
  expect(res.status).toBe(404);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toEqual({
    error: { code: 'NOT_FOUND', message: '接口不存在', requestId: expect.any(String) },
  });
  expect(res.body.error.requestId).not.toBe('');
  expect(res.headers['x-request-id']).toBe(res.body.error.requestId);
}

it('serverless.yml has exactly one `$default` route, served by the unknown-route function', () => {
  const defaults = httpRoutes().filter((r) => r.path === '*');
  expect(defaults).toEqual([
    {
      functionName: 'unknownRoute',
      method: 'ANY',
      path: '*',
      handler: 'functions/health/handlers/unknownRoute.handler',
    },
  ]);
});

it.each([
  ['GET', '/v1/nothing-here'],
  ['POST', '/v1/events/abc/unknown'],
  ['DELETE', '/v1/health'],
  ['PATCH', '/v1/offers'],
  ['GET', '/v1'],
])('%s %s → the contract 404 through the $default route', async (method, url) => {
  expectContract404(await app.request(method, url, { headers: { authorization: 'Bearer forged' } }));
});

it('the function answers an API Gateway `$default` event with the contract 404 and its request id', async () => {
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/v2/whatever',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: { requestId: 'gw-req-1', http: { method: 'PUT', path: '/v2/whatever' } },
  } as unknown as APIGatewayProxyEventV2;
  const result = await unknownRoute(event);
  expect(result.statusCode).toBe(404);
  expect(result.headers).toMatchObject({ 'X-Request-Id': 'gw-req-1' });
  expect(JSON.parse(result.body!)).toEqual({
    error: { code: 'NOT_FOUND', message: '接口不存在', requestId: 'gw-req-1' },
  });
});
