// zod's messages in Chinese for every form, as the server has them (functions/lib/validation.ts sets zod's zh-CN
// locale). zh-CN still names types and formats in English ("期望 number <=100000", "无效ISO日期时间"), so the
// issues a person can cause by typing read in plain Chinese here; anything else falls back to zh-CN. A schema's own
// message always wins over these.
import type { core } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';

const UNITS: Record<string, string> = { string: '个字', array: '项', set: '项', map: '项', file: '字节' };
const FORMATS: Record<string, string> = {
  datetime: '时间格式不正确',
  date: '日期格式不正确',
  time: '时间格式不正确',
  email: '邮箱格式不正确',
  url: '链接格式不正确',
  regex: '格式不正确',
};

function message(issue: core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? '必填' : '格式不正确';
    case 'too_big': {
      const unit = UNITS[issue.origin ?? ''];
      if (unit) return `不能超过 ${String(issue.maximum)} ${unit}`;
      return issue.inclusive ? `不能大于 ${String(issue.maximum)}` : `应小于 ${String(issue.maximum)}`;
    }
    case 'too_small': {
      const unit = UNITS[issue.origin ?? ''];
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return '必填';
      if (unit) return `至少 ${String(issue.minimum)} ${unit}`;
      return issue.inclusive ? `不能小于 ${String(issue.minimum)}` : `应大于 ${String(issue.minimum)}`;
    }
    case 'invalid_format':
      return FORMATS[issue.format] ?? '格式不正确';
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的倍数`;
    case 'invalid_value':
      return '请选择有效的选项';
    case 'unrecognized_keys':
    case 'invalid_key':
    case 'invalid_element':
    case 'invalid_union':
      return '输入无效';
    default:
      return undefined;
  }
}

/** For `z.config(...)` once at start-up (app.tsx). */
export function zodChinese(): { localeError: core.$ZodErrorMap } {
  const zh = zhCN().localeError;
  return { localeError: (issue) => message(issue) ?? zh(issue) };
}
