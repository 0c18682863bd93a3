// The call-out name of a sign-up (联系人姓名): what the form starts with, its check, and remembering it on the profile.
import { realNameSchema, type User } from '@shared/api/users';
import { usersApi } from '../../api/users';

/** A new account's automatic nickname (商圈用户48S1): no name to call out, so it is never offered as one. */
const AUTO_NICKNAME = /^商圈用户[0-9A-Z]{4}$/;

/** The profile's real name, else a nickname the person chose; empty when there is neither. */
export function contactNamePrefill(user: User | null): string {
  if (user?.realName) return user.realName;
  return user && !AUTO_NICKNAME.test(user.nickname) ? user.nickname : '';
}

/** The form's own rule on top of the API's (where the field is optional): a name is required. */
export const CONTACT_NAME_REQUIRED = '请填写联系人姓名，方便工作人员点名';

/**
 * After a sign-up: the name used becomes the profile's real name when it differs and is one the profile accepts, so
 * the next sign-up starts with it. Best effort: a refusal or a network error leaves the profile as it was.
 */
export async function rememberContactName(
  name: string,
  user: User | null,
  setUser: (user: User) => void,
): Promise<void> {
  const checked = realNameSchema.safeParse(name);
  if (!user || !checked.success || checked.data === user.realName) return;
  try {
    setUser(await usersApi.updateMe({ realName: checked.data }));
  } catch {
    // kept for next time only if it could be saved; the sign-up itself already carries the name
  }
}
