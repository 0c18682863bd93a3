// Demo events for a first `npm start`: a walking Party lesson, a youth-education session and an activity,
// with a few sign-ups, all through the feature's own services so they obey the same rules as real data.
import type { Seeder } from '../lib/seed';
import { userService } from '../users/userService';
import { eventService } from './eventService';
import { signupService } from './signupService';

const at = (days: number, hhmm: string) => {
  const d = new Date(Date.now() + days * 86400000 + 8 * 3600000).toISOString().slice(0, 10);
  return `${d}T${hhmm}:00+08:00`;
};

export const seed: Seeder = async (ctx) => {
  const lesson = await eventService.create(
    {
      kind: 'party_lesson',
      title: '行走的党课：刘公岛甲午战争纪念地',
      description:
        '乘船登岛，参观中国甲午战争博物馆，重温历史，坚定信念。集合地点：环翠楼党群服务中心门口，统一乘车前往码头。',
      location: '刘公岛 · 中国甲午战争博物馆',
      startsAt: at(5, '08:30'),
      endsAt: at(5, '16:30'),
      capacity: 30,
      waitlist: true,
      signupClosesAt: at(4, '18:00'),
    },
    ctx.staffUserId,
  );
  await eventService.create(
    {
      kind: 'youth_education',
      title: '党旗下的少年：红色故事会',
      description: '由少儿教育红色联盟组织，讲述英雄故事，学唱红色歌曲。家长可为 1–3 名孩子报名。',
      location: '环翠楼党群服务中心 2 楼活动室',
      startsAt: at(7, '14:00'),
      endsAt: at(7, '16:00'),
      capacity: 20,
      waitlist: true,
      minAge: 6,
      maxAge: 12,
      maxParticipantsPerSignup: 3,
    },
    ctx.staffUserId,
  );
  await eventService.create(
    {
      kind: 'activity',
      title: '商圈读书会：《红岩》分享',
      description: '午休时间的读书分享，欢迎楼宇职工参加。',
      location: '共享空间阅读角',
      startsAt: at(3, '12:15'),
      endsAt: at(3, '13:15'),
      capacity: 15,
      waitlist: false,
    },
    ctx.staffUserId,
  );
  for (const openid of ['demo_member_1', 'demo_member_2', 'demo_member_3']) {
    const user = await userService.current(await ctx.user(openid));
    if (user) await signupService.join(lesson.event.id, user, {});
  }
};
