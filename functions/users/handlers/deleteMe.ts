import { noContent, route } from '../../lib/http';
import { withPrelude } from '../../lib/http/route';
import { accountService } from '../accountService';
import { answerClosingRetry, bearerToken, tokenFingerprint } from '../closingRetry';

/**
 * DELETE /v1/me: closes the caller's account (204); its tokens are refused from now on — except that a retry of this
 * request with the very token that closed the account gets 204 again (closingRetry.ts).
 */
export const handler = withPrelude(
  route({ access: 'user' }, async ({ user, headers }) => {
    const token = bearerToken(headers);
    await accountService.close(user, token ? tokenFingerprint(token) : undefined);
    return noContent();
  }),
  answerClosingRetry,
);
