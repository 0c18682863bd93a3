import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { qrcodeQuerySchema } from '../../../shared/api/spaces';
import { ok, route, text } from '../../lib/http';
import { withSpecOf } from '../../lib/http/route';
import { doorCodeService } from '../doorCodeService';
import { spaceParams } from '../model';

const CONTENT_TYPES = { svg: 'image/svg+xml; charset=utf-8', png: 'image/png' } as const;

const reply = route(
  { access: 'staff', params: spaceParams, query: qrcodeQuerySchema },
  async ({ params, query, headers }) => {
    const code = await doorCodeService.print(params.id, query.format, headers);
    if (code.format === 'json') return ok(code.reply);
    const body = code.format === 'png' ? code.image.toString('base64') : code.image;
    return text(200, body, CONTENT_TYPES[code.format], {
      'Content-Disposition': `inline; filename="${code.filename}"`,
    });
  },
);

/** API Gateway sends a base64 body as binary when the result says so; only the PNG needs it. */
export const handler = withSpecOf(async (event: APIGatewayProxyEventV2) => {
  const result = await reply(event);
  return result.headers?.['Content-Type'] === 'image/png' ? { ...result, isBase64Encoded: true } : result;
}, reply);
