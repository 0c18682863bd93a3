import { API_PREFIX } from '@shared/api/common';

/** A mini-program needs an absolute https URL registered in the WeChat console; set API_BASE_URL when building. */
export const API_BASE: string = API_BASE_URL.replace(/\/+$/, '') + API_PREFIX;
