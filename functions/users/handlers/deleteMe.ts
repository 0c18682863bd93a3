import { noContent, route } from '../../lib/http';
import { accountService } from '../accountService';

/** DELETE /v1/me: closes the caller's account (204); its tokens are refused from now on. */
export const handler = route({ access: 'user' }, async ({ user }) => {
  await accountService.close(user);
  return noContent();
});
