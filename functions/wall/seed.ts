// Demo data: a few warm messages on the wall (some liked), one waiting in the queue, one rejected with a reason.
// Goes through the services, so the content check, moderation and like rules apply as for real data.
import type { CurrentUser } from '../lib/principal';
import type { Seeder } from '../lib/seed';
import { userService } from '../users/userService';
import { likeService } from './likeService';
import { messageService } from './messageService';
import { moderationService } from './moderationService';

const PUBLISHED: { openid: string; nickname: string; text: string; anonymous?: boolean }[] = [
  {
    openid: 'demo_wall_wang',
    nickname: '老党员王叔',
    text: '入党四十年，走进服务中心就像回到家。欢迎每一位党员回家！',
  },
  {
    openid: 'demo_wall_chen',
    nickname: '快递小哥陈师傅',
    text: '跑单累了就来歇歇脚，热水、充电样样都有，谢谢社区的温暖 ❤️',
  },
  {
    openid: 'demo_wall_li',
    nickname: '李老师',
    text: '带孩子们参加了“党旗下的少年”，孩子说长大也要做对社会有用的人。',
    anonymous: true,
  },
  { openid: 'demo_wall_zhao', nickname: '赵阿姨', text: '红色商圈越来越热闹了，祝我们的家越来越好！🎉' },
];

async function current(id: string): Promise<CurrentUser> {
  const user = await userService.current(id);
  if (!user) throw new Error(`demo user ${id} missing`);
  return user;
}

export const seed: Seeder = async (ctx) => {
  const staff = await current(ctx.staffUserId);
  const ids: string[] = [];
  for (const entry of PUBLISHED) {
    const id = await ctx.user(entry.openid);
    await userService.updateProfile(id, { nickname: entry.nickname });
    const message = await messageService.post(await current(id), {
      text: entry.text,
      anonymous: entry.anonymous ?? false,
    });
    if (message.status === 'pending') await moderationService.decide(staff, message.id, 'approve');
    ids.push(message.id);
  }
  const likers = await Promise.all(
    ['demo_wall_fan1', 'demo_wall_fan2', 'demo_wall_fan3'].map((o) => ctx.user(o)),
  );
  for (const [i, id] of ids.entries()) {
    for (const liker of likers.slice(0, (i % 3) + 1)) await likeService.set(id, liker, true);
  }

  const newcomer = await ctx.user('demo_wall_sun');
  await userService.updateProfile(newcomer, { nickname: '新居民小孙' });
  const newcomerUser = await current(newcomer);
  // Stays in the queue under pre-moderation (the default), so staff have something to review.
  await messageService.post(newcomerUser, {
    text: '刚搬来社区，请问周末有志愿活动可以报名吗？',
    anonymous: false,
  });
  const rejected = await messageService.post(newcomerUser, {
    text: '楼下新开的店打折啦，大家快去看看～',
    anonymous: false,
  });
  await moderationService.decide(staff, rejected.id, 'reject', '寄语墙不发布商业广告');
};
