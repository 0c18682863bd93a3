import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

// Liveness only: no store call, so a health probe never adds load to the table.
export const handler = async (): Promise<APIGatewayProxyStructuredResultV2> => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json; charset=utf-8' },
  body: JSON.stringify({ ok: true }),
});
