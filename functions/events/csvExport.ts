// Staff export of an event's signups: CSV, UTF-8 with a BOM so Excel opens Chinese correctly; phones masked.
import { maskPhone } from '../../shared/api/common';
import { ROLL_CALL_LABELS, rollCallsFor, SIGNUP_STATUS_LABELS } from '../../shared/api/events';
import type { EventRecord, SignupRecord } from './model';

const BOM = '\uFEFF';

/** RFC 4180 quoting, and a leading quote for cells Excel would run as formulas. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function districtTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(Date.parse(iso) + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

export function signupsCsv(event: EventRecord, signups: SignupRecord[]): string {
  const rollCalls = rollCallsFor(event.kind);
  const header = [
    '序号',
    '报名人',
    '昵称',
    '状态',
    '名额',
    '参与者',
    '监护人电话',
    '报名时间',
    ...rollCalls.map((r) => `${ROLL_CALL_LABELS[r]}时间`),
  ];
  const rows = [...signups]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    // 序号 in sign-up order: a number staff can read out and write down (the internal id is ~50 characters).
    .map((s, index) => [
      index + 1,
      // The name staff call out (given at sign-up since 1.3), else the nickname; the nickname beside it.
      s.contactName || s.nickname,
      s.nickname,
      SIGNUP_STATUS_LABELS[s.status],
      s.seats,
      s.participants.map((p) => `${p.name}（${p.age}岁）`).join('；'),
      s.guardianPhone ? maskPhone(s.guardianPhone) : '',
      districtTime(s.createdAt),
      ...rollCalls.map((r) => districtTime(s.attendance[r])),
    ]);
  return BOM + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
