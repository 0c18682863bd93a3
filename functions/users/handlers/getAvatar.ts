import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { idPathParams } from '../../../shared/api/common';
import { avatarQuerySchema } from '../../../shared/api/users';
import { route, text } from '../../lib/http';
import { withSpecOf } from '../../lib/http/route';
import { avatarService } from '../avatarService';

/**
 * GET /v1/users/{id}/avatar?v=<version>: the picture, public (an <Image> sends no token; the version, a digest of
 * the picture, is in the URL the profile hands out, so the id alone fetches nothing). One URL is one picture for
 * ever, so the viewer's own device may keep it; a replaced or removed picture answers 404.
 */
const reply = route(
  {
    access: 'public',
    params: idPathParams,
    query: avatarQuerySchema,
  },
  async ({ params, query }) => {
    const image = await avatarService.read(params.id, query.v);
    return text(200, image.bytes.toString('base64'), image.contentType, {
      'Cache-Control': 'private, max-age=604800, immutable',
    });
  },
);

/** API Gateway sends a base64 body as binary when the result says so (as the door code's PNG). */
export const handler = withSpecOf(async (event: APIGatewayProxyEventV2) => {
  const result = await reply(event);
  return result.statusCode === 200 ? { ...result, isBase64Encoded: true } : result;
}, reply);
