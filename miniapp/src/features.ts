// The features registry: what 首页 and 我的 link to. A feature adds ONE line here when its page exists (tab page or a
// page of its subpackage registered in app.config.ts); tests/unit/miniapp-features.test.ts checks every url is a
// registered page, so an entry can never point at a page that is not there yet.
import type { Role } from '@shared/api/users';
import type { IconName } from './components/Icon/glyphs';

/** The "four openings" (四个开放) of the service centre, shown as a tag on home cards. */
export type Opening = '组织开放' | '服务开放' | '活动开放' | '阵地开放';

export interface FeatureEntry {
  id: string;
  /** Short Chinese title, e.g. 活动. */
  title: string;
  /** One line of Chinese under the title. */
  description: string;
  /** Page path with a leading slash, e.g. /pages/events/index or /packages/offers/pages/list/index. */
  url: string;
  /** `home`: a card on 首页; `me`: a row on 我的. */
  placement: 'home' | 'me';
  opening?: Opening;
  /** Visible only to users holding one of these roles (admins see `staff` entries too). Absent: everyone. */
  roles?: Role[];
  /** Its icon (components/Icon): the card's on 首页, the row's on 我的; a generic one when absent. */
  icon?: IconName;
}

// One line per entry, so features add and merge lines without touching each other's.
// prettier-ignore
export const FEATURES: FeatureEntry[] = [
  { id: 'events', title: '活动', description: '行走的党课、党旗下的少年，报名参加', url: '/pages/events/index', placement: 'home', opening: '活动开放', icon: 'calendar' },
  { id: 'spaces', title: '共享空间', description: '图书、饮水、微波炉，扫码入场', url: '/pages/spaces/index', placement: 'home', opening: '阵地开放', icon: 'building' },
  { id: 'wall', title: '寄语墙', description: '写一句“欢迎回家”，为身边人点赞', url: '/pages/wall/index', placement: 'home', opening: '阵地开放', icon: 'message' },
  { id: 'alliance', title: '联盟优惠', description: '行业联盟、异业联盟商户的专属优惠', url: '/packages/alliance/pages/offers/index', placement: 'home', opening: '阵地开放', icon: 'ticket' },
  { id: 'alliance-codes', title: '我的券码', description: '已领取的联盟优惠券', url: '/packages/alliance/pages/codes/index', placement: 'me', icon: 'ticket' },
  { id: 'alliance-apply', title: '商户入驻', description: '加入行业联盟、异业联盟', url: '/packages/merchant/pages/apply/index', placement: 'me', icon: 'store' },
  { id: 'alliance-shop', title: '商户中心', description: '发布优惠、核销券码、查看数据', url: '/packages/merchant/pages/shop/index', placement: 'me', roles: ['merchant'], icon: 'store' },
  { id: 'alliance-review', title: '商户审核', description: '审核入驻申请，查看联盟数据', url: '/packages/merchant/pages/review/index', placement: 'me', roles: ['staff'], icon: 'shield' },
  { id: 'spaces-manage', title: '空间管理', description: '新建空间、打印二维码、查看到访统计', url: '/packages/spaces/pages/manage/index', placement: 'me', roles: ['staff'], icon: 'building' },
  { id: 'spaces-visits', title: '我的到访记录', description: '到共享空间的入场、离场时间', url: '/packages/spaces/pages/visits/index', placement: 'me', icon: 'clock' },
  { id: 'wall-mine', title: '我的寄语', description: '查看寄语的审核状态', url: '/packages/wall/pages/mine/index', placement: 'me', icon: 'message' },
  { id: 'wall-moderation', title: '寄语审核', description: '审核待发布的寄语，设置发布方式', url: '/packages/wall/pages/moderation/index', placement: 'me', roles: ['staff'], icon: 'shield' },
  { id: 'events-mine', title: '我的报名', description: '报名状态、电子票、取消报名', url: '/packages/events/pages/mine/index', placement: 'me', icon: 'calendar-check' },
  { id: 'events-manage', title: '发布活动', description: '发布活动；在活动详情里查看名单、签到、导出', url: '/packages/events/pages/edit/index', placement: 'me', roles: ['staff'], icon: 'edit' },
  { id: 'dashboard', title: '数据看板', description: '活动、空间、联盟数据与月度报表', url: '/packages/dashboard/pages/index/index', placement: 'me', roles: ['staff'], icon: 'chart' },
  { id: 'services', title: '服务清单', description: '党务、政策、商务、公益 4 类 19 项服务，在线申请', url: '/packages/services/pages/menu/index', placement: 'home', opening: '服务开放', icon: 'clipboard' },
  { id: 'services-duty', title: '政策管家', description: '税务、市场监管、人社专员轮值坐班，预约咨询', url: '/packages/services/pages/duty/index', placement: 'home', opening: '服务开放', icon: 'headset' },
  { id: 'services-mine', title: '我的申请', description: '服务申请的办理进度', url: '/packages/services/pages/mine/index', placement: 'me', icon: 'clipboard' },
  { id: 'services-queue', title: '申请处理', description: '受理、办结服务申请', url: '/packages/services/pages/queue/index', placement: 'me', roles: ['staff'], icon: 'inbox' },
  { id: 'services-roster', title: '政策管家排班', description: '按周排班、复制上周、查看预约', url: '/packages/services/pages/roster/index', placement: 'me', roles: ['staff'], icon: 'calendar' },
  { id: 'venues', title: '阵地预约', description: '中心会议室、广场活动室，一核多点阵地地图', url: '/packages/venues/pages/list/index', placement: 'home', opening: '阵地开放', icon: 'pin' },
  { id: 'venues-mine', title: '我的预约', description: '场地预约的审核状态，取消预约', url: '/packages/venues/pages/mine/index', placement: 'me', icon: 'pin' },
  { id: 'venues-review', title: '预约审核', description: '审核场地预约，新增和编辑场地', url: '/packages/venues/pages/review/index', placement: 'me', roles: ['staff'], icon: 'shield' },
  { id: 'account-settings', title: '设置', description: '导出我的数据、注销账号', url: '/packages/account/pages/settings/index', placement: 'me', icon: 'settings' },
];

export function canSee(entry: FeatureEntry, roles: readonly Role[]): boolean {
  if (!entry.roles || entry.roles.length === 0) return true;
  // Admins can do whatever staff can (the API's `staff` access admits admins too).
  return entry.roles.some((role) => roles.includes(role) || (role === 'staff' && roles.includes('admin')));
}

export function entriesFor(
  placement: FeatureEntry['placement'],
  roles: readonly Role[],
  registry: FeatureEntry[] = FEATURES,
): FeatureEntry[] {
  return registry.filter((entry) => entry.placement === placement && canSee(entry, roles));
}
