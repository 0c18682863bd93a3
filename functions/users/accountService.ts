// The caller's own data: everything stored about them (export), and closing the account (accountSteps.ts).
import type { MyDataExport } from '../../shared/api/users';
import { NotFoundError } from '../lib/errors';
import { countDaily } from '../lib/metrics';
import type { CurrentUser } from '../lib/principal';
import { ACCOUNT_DATA_SECTIONS } from './accountData';
import { closeAccount } from './accountSteps';
import { toPublicUser } from './views';

export const accountService = {
  /** GET /v1/me/export: the profile, then one section per feature that stores the caller's data. */
  async export(user: CurrentUser): Promise<MyDataExport> {
    const sections = await Promise.all(
      ACCOUNT_DATA_SECTIONS.map(async (s) => [s.name, await s.exportFor(user.id)] as const),
    );
    return {
      exportedAt: new Date().toISOString(),
      profile: {
        ...toPublicUser(user, true),
        phone: user.phone,
        createdAt: user.createdAt,
        updatedAt: user.updatedAt,
      },
      ...Object.fromEntries(sections),
    };
  },

  /** DELETE /v1/me: closed at once; the rest follows in the same request (or the job, after a crash). */
  async close(user: CurrentUser, closingToken?: string): Promise<void> {
    if (!(await closeAccount(user.id, Date.now(), closingToken))) throw new NotFoundError('用户不存在');
    await countDaily('accounts.closed');
  },
};
