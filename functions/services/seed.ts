// Demo data for a first `npm start`: the committee's service list (4 categories, 19 items) and this week's and next
// week's duty roster of the policy stewards (tax, market regulation, human resources), through the services.
import type { Seeder } from '../lib/seed';
import { menuService } from './menuService';
import { shiftService } from './duty/shiftService';

const DESK = [
  {
    department: '区税务局',
    steward: '王税务',
    topics: ['税收优惠', '发票', '申报'],
    from: '09:00',
    to: '11:30',
  },
  {
    department: '区市场监管局',
    steward: '李监管',
    topics: ['执照办理', '登记变更'],
    from: '14:00',
    to: '16:30',
  },
  {
    department: '区人社局',
    steward: '赵人社',
    topics: ['社保', '就业补贴', '用工'],
    from: '09:00',
    to: '11:30',
  },
];

/** A district date `days` from today. */
const districtDay = (days: number) =>
  new Date(Date.now() + days * 86400000 + 8 * 3600000).toISOString().slice(0, 10);

export const seed: Seeder = async (ctx) => {
  await menuService.seedDefault();
  for (let day = 0; day < 10; day++) {
    const date = districtDay(day);
    const desk = DESK[day % DESK.length];
    await shiftService.create(
      {
        startsAt: `${date}T${desk.from}:00+08:00`,
        endsAt: `${date}T${desk.to}:00+08:00`,
        department: desk.department,
        steward: desk.steward,
        topics: desk.topics,
        capacity: 5,
      },
      ctx.staffUserId,
    );
  }
};
