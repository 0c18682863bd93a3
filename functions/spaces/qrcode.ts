import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { qrcodeQuerySchema } from '../../shared/api/spaces';
import { ok, route, text } from '../lib/http';
import { checkinPageUrl } from './checkinUrl';
import { spaceParams } from './params';
import { doorCodePng, doorCodeSvg } from './qrImage';
import { spaceService } from './spaceService';

const reply = route(
  { access: 'staff', params: spaceParams, query: qrcodeQuerySchema },
  async ({ params, query, headers }) => {
    const { space, token } = await spaceService.doorToken(params.id);
    const url = checkinPageUrl(headers, space.id, token);
    if (query.format === 'svg') {
      return text(200, doorCodeSvg(url, space.name, space.address), 'image/svg+xml; charset=utf-8', {
        'Content-Disposition': `inline; filename="space-${space.id}.svg"`,
      });
    }
    if (query.format === 'png') {
      const png = await doorCodePng(url);
      return text(200, png.toString('base64'), 'image/png', {
        'Content-Disposition': `inline; filename="space-${space.id}.png"`,
      });
    }
    return ok({ token, url, qrRevision: space.qrRevision });
  },
);

/** API Gateway sends a base64 body as binary when the result says so; only the PNG needs it. */
export const handler = async (event: APIGatewayProxyEventV2) => {
  const result = await reply(event);
  return result.headers?.['Content-Type'] === 'image/png' ? { ...result, isBase64Encoded: true } : result;
};
