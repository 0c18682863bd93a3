// The duty roster: shifts staff publish (one at a time, or a whole week copied from another), read by anyone.
import type { CreateShiftInput } from '../../../shared/api/services';
import { ConflictError, NotFoundError, UnavailableError } from '../../lib/errors';
import { failpoint } from '../../lib/faults';
import { newId, stableId } from '../../lib/ids';
import { nowIso } from '../../lib/time';
import { userService } from '../../users/userService';
import { appointmentStore } from './appointmentStore';
import type { AppointmentRecord, ShiftRecord } from './model';
import { shiftStore } from './shiftStore';

const DAY_MS = 86400_000;
const utc = (iso: string) => new Date(iso).toISOString();
/** The instant a district (UTC+8) date begins. */
const districtMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

function newShift(input: CreateShiftInput, userId: string, id = `sh${newId().toLowerCase()}`): ShiftRecord {
  return {
    id,
    startsAt: utc(input.startsAt),
    endsAt: utc(input.endsAt),
    department: input.department,
    steward: input.steward,
    topics: input.topics ?? [],
    capacity: input.capacity,
    booked: 0,
    intents: {},
    rev: 0,
    createdAt: nowIso(),
    createdBy: userId,
  };
}

/** The id of a shift created with an Idempotency-Key: the same for every retry of that request. */
export const shiftIdFor = (userId: string, key: string) => stableId('sh', `duty-shift|${userId}|${key}`);

export interface CopyReport {
  copied: number;
  /** Shifts the target week already had from an earlier copy of the same source. */
  existing: number;
  /** The new ones. */
  shifts: ShiftRecord[];
}

export const shiftService = {
  /**
   * With an Idempotency-Key (`key`) the shift's id comes from (user, key): a retry after a crash or a lost reply
   * finds the shift it created and answers it, never a second shift.
   */
  async create(input: CreateShiftInput, userId: string, key?: string): Promise<ShiftRecord> {
    const shift = newShift(input, userId, key === undefined ? undefined : shiftIdFor(userId, key));
    if (await shiftStore.create(shift)) {
      failpoint('duty.shift.afterCreated');
      return shift;
    }
    const earlier = await shiftStore.get(shift.id);
    if (!earlier || earlier.createdBy !== userId) throw new UnavailableError();
    return earlier;
  },

  async get(id: string): Promise<ShiftRecord> {
    const shift = await shiftStore.get(id);
    if (!shift) throw new NotFoundError('班次不存在');
    return shift;
  },

  /** Shifts starting in [from, to), with the caller's own appointment on each when signed in. */
  async list(from: string, to: string, userId?: string) {
    const shifts = await shiftStore.listStarting(utc(from), utc(to));
    const mine = userId
      ? await Promise.all(shifts.map((s) => appointmentStore.get(s.id, userId)))
      : shifts.map(() => null);
    return shifts.map((shift, i) => ({ shift, mine: mine[i] }));
  },

  /**
   * Copies every shift of the district week starting `fromWeek` into the week starting `toWeek`, same weekday and
   * hours, no appointments. A copy's id comes from (source, target week), so copying twice adds nothing.
   */
  async copyWeek(fromWeek: string, toWeek: string, userId: string): Promise<CopyReport> {
    const from = districtMidnight(fromWeek);
    const shift = Date.parse(districtMidnight(toWeek)) - Date.parse(from);
    const sources = await shiftStore.listStarting(
      from,
      new Date(Date.parse(from) + 7 * DAY_MS).toISOString(),
    );
    const report: CopyReport = { copied: 0, existing: 0, shifts: [] };
    for (const source of sources) {
      const copy = newShift(
        {
          startsAt: new Date(Date.parse(source.startsAt) + shift).toISOString(),
          endsAt: new Date(Date.parse(source.endsAt) + shift).toISOString(),
          department: source.department,
          steward: source.steward,
          topics: source.topics,
          capacity: source.capacity,
        },
        userId,
        stableId('sh', `duty-copy|${source.id}|${toWeek}`),
      );
      if (await shiftStore.create(copy)) {
        report.copied++;
        report.shifts.push(copy);
      } else report.existing++;
    }
    return report;
  },

  async remove(id: string): Promise<void> {
    if (await shiftStore.removeUnbooked(id)) return;
    if (!(await shiftStore.get(id))) throw new NotFoundError('班次不存在');
    throw new ConflictError('SHIFT_BOOKED', '该班次已有预约，不能删除');
  },

  /** Staff: the shift's appointments with each booker's nickname and phone (if given). */
  async appointments(
    id: string,
  ): Promise<{ appointment: AppointmentRecord; who: { nickname: string; phone: string | null } | null }[]> {
    await this.get(id);
    const booked = await appointmentStore.bookedOn(id);
    const users = await Promise.all(booked.map((a) => userService.get(a.userId)));
    return booked.map((appointment, i) => ({
      appointment,
      who: users[i] ? { nickname: users[i]!.nickname, phone: users[i]!.phone } : null,
    }));
  },
};
