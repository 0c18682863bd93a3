import { API_PREFIX } from '@shared/api/common';

/** H5 is served by the same origin as the API (infra/local/server.ts locally; a CDN + API behind one domain in production). */
export const API_BASE: string = API_PREFIX;
