// What a weapp build takes from its environment (TARO_APP_* variables, README "Release configuration"), and what a
// release refuses: an API that is not HTTPS (WeChat only calls registered https:// request domains) or a
// subscribe-message template id that is still a placeholder (every reminder would silently fail).

export interface WeappBuildEnv {
  /** Origin of the API for wx.request, e.g. https://api.example.gov.cn (without /v1). */
  apiBaseUrl: string;
  /** Subscribe-message template ids (mp console → 订阅消息), the same ids the backend sends with. */
  templateIds: { eventReminder: string; venueReminder: string; serviceStatus: string };
}

type Env = Record<string, string | undefined>;

const LOCAL_API = 'http://127.0.0.1:3000';

export function weappBuildEnv(env: Env = process.env): WeappBuildEnv {
  return {
    // API_BASE_URL is the older name, still read for local builds.
    apiBaseUrl: (env.TARO_APP_API_BASE_URL || env.API_BASE_URL || LOCAL_API).replace(/\/+$/, ''),
    templateIds: {
      eventReminder: env.TARO_APP_EVENT_REMINDER_TEMPLATE_ID ?? '',
      venueReminder: env.TARO_APP_VENUE_REMINDER_TEMPLATE_ID ?? '',
      serviceStatus: env.TARO_APP_SERVICE_STATUS_TEMPLATE_ID ?? '',
    },
  };
}

/** WeChat template ids are opaque base64url strings of 43 characters; anything else was never pasted from the console. */
const TEMPLATE_ID = /^[A-Za-z0-9_-]{20,64}$/;
const PLACEHOLDER = /TEMPLATE|PLACEHOLDER|CHANGE_?ME|TODO|^x+$|^(.)\1+$/i;
const NOT_PUBLIC_HOST =
  /^(localhost|127\.|10\.|192\.168\.|0\.0\.0\.0|\[::1\])|(^|\.)example\.(com|org|net)$/i;

/** Why this environment must not be released (empty when it may). */
export function releaseProblems(build: WeappBuildEnv): string[] {
  const problems: string[] = [];
  let url: URL | null = null;
  try {
    url = new URL(build.apiBaseUrl);
  } catch {
    problems.push(`TARO_APP_API_BASE_URL is not a URL: ${JSON.stringify(build.apiBaseUrl)}`);
  }
  if (url && url.protocol !== 'https:')
    problems.push(
      `TARO_APP_API_BASE_URL must be https:// (WeChat request domains are HTTPS only): ${build.apiBaseUrl}`,
    );
  if (url && NOT_PUBLIC_HOST.test(url.hostname))
    problems.push(`TARO_APP_API_BASE_URL must be the API's public domain, not ${url.hostname}`);
  for (const [name, id] of Object.entries(build.templateIds)) {
    const variable = `TARO_APP_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_TEMPLATE_ID`;
    if (!TEMPLATE_ID.test(id) || PLACEHOLDER.test(id))
      problems.push(
        `${variable} is missing or a placeholder (${JSON.stringify(id)}): paste the id from the mp console`,
      );
  }
  return problems;
}
