// The HTTP layer handlers import: `route()` and the replies.
export type { Access } from './auth';
export { errorReply } from './errorReply';
export { created, noContent, ok, text, type Reply } from './reply';
export { MAX_BODY_BYTES } from './request';
export { attemptsPerDay } from './limitStep';
export { route, type Handler, type RequestContext } from './route';
