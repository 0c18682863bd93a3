// Transitional: the users feature now lives in userService.ts / views.ts, and the caller's record in
// functions/lib/principal.ts. Removed once every feature imports from there.
export { userService } from './userService';
export { toPublicUser } from './views';
export { hasRole, effectiveRoles, type CurrentUser } from '../lib/principal';
