// Chinese labels for contract values the mini-program shows.
import type { Role } from '@shared/api/users';

export { IDENTITY_LABELS } from '@shared/api/users';

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  staff: '工作人员',
  merchant: '联盟商户',
};
