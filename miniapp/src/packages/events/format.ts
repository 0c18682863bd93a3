// Display helpers shared by the events pages: district time (UTC+8) whatever the phone's time zone.
const pad = (n: number) => String(n).padStart(2, '0');

function district(iso: string): Date {
  return new Date(Date.parse(iso) + 8 * 3600 * 1000);
}

/** 12月01日 09:00 */
export function formatDateTime(iso: string): string {
  const d = district(iso);
  return `${pad(d.getUTCMonth() + 1)}月${pad(d.getUTCDate())}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** 12月01日 09:00–12:00 (or the full end when another day). */
export function formatRange(startIso: string, endIso: string): string {
  const start = formatDateTime(startIso);
  const end = formatDateTime(endIso);
  return start.slice(0, 6) === end.slice(0, 6) ? `${start}–${end.slice(7)}` : `${start} – ${end}`;
}

/** For <input type="datetime">-like fields: YYYY-MM-DD HH:MM in district time. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  return district(iso).toISOString().slice(0, 16).replace('T', ' ');
}

/** YYYY-MM-DD HH:MM (district time) → ISO with +08:00, or null when malformed. */
export function fromLocalInput(text: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/.exec(text.trim());
  return m ? `${m[1]}T${m[2]}:00+08:00` : null;
}
