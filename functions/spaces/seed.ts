// Demo data: a few of the district's shared spaces ("一核多点"), one with people already in it, so the gauges move
// on first sight. Goes through the services, so capacity, hours and the door code apply as for real data.
import type { Seeder } from '../lib/seed';
import type { CreateSpaceRequest } from '../../shared/api/spaces';
import type { Identity } from '../../shared/api/users';
import { AppError } from '../lib/errors';
import { userService } from '../users/userService';
import { checkinService } from './checkinService';
import { doorCodeService } from './doorCodeService';
import { spaceService } from './spaceService';

const SPACES: CreateSpaceRequest[] = [
  {
    name: '环翠楼党群服务中心共享空间',
    address: '环翠楼街道新威路 17 号 1 层',
    capacity: 30,
    amenities: ['饮用水', '微波炉', '冰箱', '图书角', '充电'],
  },
  {
    name: '威高广场户外劳动者驿站',
    address: '统一路 88 号威高广场东侧',
    capacity: 12,
    amenities: ['饮用水', '微波炉', '休息座椅', '应急药箱'],
    opensAt: '06:00',
    closesAt: '22:00',
  },
  {
    name: '华联大厦职工之家',
    address: '新威路 59 号华联大厦 3 层',
    capacity: 20,
    amenities: ['饮用水', '冰箱', '图书角'],
    opensAt: '08:30',
    closesAt: '18:00',
  },
];

const VISITORS: { openid: string; nickname: string; identity: Identity }[] = [
  { openid: 'demo_space_sun', nickname: '环卫孙师傅', identity: 'outdoor_worker' },
  { openid: 'demo_space_liu', nickname: '职工小刘', identity: 'employee' },
  { openid: 'demo_space_zhou', nickname: '党员老周', identity: 'party_member' },
];

export const seed: Seeder = async (ctx) => {
  const created = [];
  for (const space of SPACES) created.push(await spaceService.create(space));
  // People in the always-open space, so its gauge is not empty.
  const { token } = await doorCodeService.token(created[0].id);
  for (const visitor of VISITORS) {
    const id = await ctx.user(visitor.openid);
    await userService.updateProfile(id, { nickname: visitor.nickname, identity: visitor.identity });
    const user = await userService.current(id);
    try {
      await checkinService.checkIn(user!, created[0].id, token);
    } catch (err) {
      if (!(err instanceof AppError)) throw err; // e.g. closed: demo data is best effort
    }
  }
};
