// Demo data: the service centre's rooms (the 380 m² centre is open to company Party organisations by appointment),
// 19 shared learning and education sites and 12 outdoor activity sites ("一核多点"); site names are illustrative.
// Goes through the services, so the same rules apply as for real data; one booking waits for staff review.
import type { CreateVenueRequest } from '../../shared/api/venues';
import { districtDate, districtInstant } from '../lib/time';
import type { Seeder } from '../lib/seed';
import { userService } from '../users/userService';
import { bookingService } from './bookingService';
import { venueService } from './venueService';

const CENTRE = '环翠楼街道商圈党群服务中心';
// Around Weihai's Huancuilou district; points spread so the map shows them apart.
const BASE = { lat: 37.5091, lng: 122.1136 };
const at = (i: number) => ({
  lat: BASE.lat + ((i % 6) - 3) * 0.004,
  lng: BASE.lng + (Math.floor(i / 6) - 3) * 0.005,
});

const CENTRE_ROOMS: CreateVenueRequest[] = [
  {
    name: '党群服务中心服务大厅',
    kind: 'centre_room',
    address: `${CENTRE} 1 层（380 平方米）`,
    location: BASE,
    capacity: 120,
    facilities: ['投影', '音响', '党建书架', '饮用水'],
    opensAt: '08:30',
    closesAt: '21:00',
  },
  {
    name: '室内会议室',
    kind: 'centre_room',
    address: `${CENTRE} 2 层`,
    location: BASE,
    capacity: 30,
    facilities: ['会议桌', '投影', '视频会议', '白板'],
    opensAt: '08:30',
    closesAt: '21:00',
  },
  {
    name: '广场活动室',
    kind: 'centre_room',
    address: `${CENTRE} 东侧广场`,
    location: { lat: BASE.lat + 0.0005, lng: BASE.lng + 0.0008 },
    capacity: 60,
    facilities: ['音响', '折叠椅', '展板'],
    opensAt: '08:00',
    closesAt: '20:00',
  },
  {
    name: '党员教育活动室',
    kind: 'centre_room',
    address: `${CENTRE} 2 层`,
    location: BASE,
    capacity: 20,
    facilities: ['电视', '党建书架'],
    opensAt: '08:30',
    closesAt: '17:30',
  },
];

const LEARNING_PLACES = [
  '威高广场',
  '华联大厦',
  '九龙城',
  '环翠楼公园',
  '新威路',
  '统一路',
  '青岛路',
  '昆明路',
  '世昌大道',
  '文化西路',
  '海港大厦',
  '金线顶',
  '古陌路',
  '戚谷疃',
  '西门外',
  '东城',
  '塔山',
  '鲸园',
  '孙家疃',
];
const LEARNING_SITES: CreateVenueRequest[] = LEARNING_PLACES.map((place, i) => ({
  name: `${place}党建学习教育阵地`,
  kind: 'learning_site',
  address: `环翠区${place}商圈楼宇党群驿站`,
  location: at(i),
  capacity: 15 + (i % 4) * 5,
  facilities: ['党建书架', '学习桌椅', i % 2 ? '投影' : '电视'],
  opensAt: '09:00',
  closesAt: '18:00',
}));

const OUTDOOR_PLACES = [
  '环翠楼公园红色广场',
  '幸福公园',
  '海滨步道',
  '威海公园',
  '金线顶公园',
  '戚谷疃广场',
  '九龙湾',
  '城市广场',
  '华夏路口袋公园',
  '统一路街心公园',
  '塔山公园',
  '古陌岭',
];
const OUTDOOR_SITES: CreateVenueRequest[] = OUTDOOR_PLACES.map((place, i) => ({
  name: `${place}户外活动阵地`,
  kind: 'outdoor_site',
  address: `环翠区${place}`,
  location: at(i + 19),
  capacity: 100 + (i % 3) * 50,
  facilities: ['开阔场地', i % 2 ? '宣传栏' : '休息座椅'],
}));

export const seed: Seeder = async (ctx) => {
  const rooms = [];
  for (const venue of [...CENTRE_ROOMS, ...LEARNING_SITES, ...OUTDOOR_SITES])
    rooms.push(await venueService.create(venue));
  // A branch secretary's request for the meeting room the day after tomorrow, waiting for staff.
  const secretaryId = await ctx.user('demo_branch_secretary');
  await userService.updateProfile(secretaryId, { nickname: '华联大厦党支部书记' });
  const secretary = await userService.current(secretaryId);
  const day = districtDate(Date.now() + 2 * 86400_000);
  await bookingService.create(rooms[1].id, secretary!, {
    startsAt: districtInstant(day, '14:00').toISOString(),
    endsAt: districtInstant(day, '16:00').toISOString(),
    purpose: '支部主题党日：学习党的二十届四中全会精神',
    organisation: '华联大厦联合党支部',
    attendees: 18,
  });
};
