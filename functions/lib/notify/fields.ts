// Values of subscribe-message template fields, within WeChat's limits for each field type.

/** `thing` fields take at most 20 characters on one line (a multi-line note is joined with spaces). */
export function thing(text: string): string {
  const line = [...text.replace(/\s+/g, ' ').trim()];
  return line.length > 20 ? line.slice(0, 19).join('') + '…' : line.join('');
}

/** `phrase` fields take at most 5 characters (Chinese words, no digits or letters). */
export const phrase = (text: string): string => [...text].slice(0, 5).join('');

/** `time` / `date` fields: an instant in district time (UTC+8), e.g. 2026年12月01日 09:30. */
export function districtDateTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${pad(d.getUTCMonth() + 1)}月${pad(d.getUTCDate())}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
