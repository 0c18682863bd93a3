// The dashboard's headline rows: one entry per counter group that features count with countDaily('<group>.<key>').
// A feature adds a row by adding one entry here (docs/api/admin.md, "Adding a row"); the mini-program draws whatever
// rows the reply holds, so no page changes. `optional` rows appear only once their counters exist in the range.
import { ALLIANCE_LABELS } from '../../shared/api/alliance';
import { EVENT_KIND_LABELS } from '../../shared/api/events';
import { REQUEST_STATUS_LABELS } from '../../shared/api/services';
import { IDENTITY_LABELS } from '../../shared/api/users';

export interface Dimension {
  /** The counter group (`signups` for `signups.party_lesson`). */
  group: string;
  label: string;
  unit: string;
  /** The keys shown, with labels, in display order; empty: every key counted, shown as it is. */
  keys: Record<string, string>;
  /** The parts are different things (claimed vs redeemed): no total. */
  noTotal?: boolean;
  /** Shown only when the range has counters of this group (features still being built). */
  optional?: boolean;
  /** Counted keys missing from `keys` are shown too, after them, labelled by their key (e.g. a retired category). */
  countedKeysToo?: boolean;
}

export const SERVICE_CATEGORIES_GROUP = 'service_categories';
export const UNKNOWN_IDENTITY_LABEL = '未填写身份';
export const IDENTITY_KEYS: Record<string, string> = { ...IDENTITY_LABELS, unknown: UNKNOWN_IDENTITY_LABEL };

export const DIMENSIONS: Dimension[] = [
  { group: 'events', label: '举办活动', unit: '场', keys: EVENT_KIND_LABELS },
  { group: 'signups', label: '活动报名', unit: '人次', keys: EVENT_KIND_LABELS },
  { group: 'attendance', label: '活动签到', unit: '人次', keys: EVENT_KIND_LABELS },
  { group: 'children', label: '参与儿童', unit: '人', keys: EVENT_KIND_LABELS },
  { group: 'checkins', label: '共享空间到访', unit: '人次', keys: IDENTITY_KEYS },
  { group: 'messages', label: '寄语发布', unit: '条', keys: { published: '已发布' } },
  {
    group: 'offers',
    label: '联盟优惠',
    unit: '张',
    keys: { claimed: '领取', redeemed: '核销' },
    noTotal: true,
  },
  { group: 'redemptions', label: '核销（按联盟）', unit: '张', keys: ALLIANCE_LABELS },
  {
    group: 'bookings',
    label: '场地预约',
    unit: '次',
    keys: { requested: '申请', approved: '通过', declined: '未通过', cancelled: '取消' },
    noTotal: true,
  },
  {
    group: 'booking_hours',
    label: '场地使用时长（已通过，按使用日）',
    unit: '小时',
    keys: { approved: '已通过' },
  },
  {
    group: 'service_requests',
    label: '服务需求（按状态）',
    unit: '件',
    keys: REQUEST_STATUS_LABELS,
    noTotal: true,
  },
  // Keys: the service menu's categories, filled in at load (dashboardService.ts).
  {
    group: SERVICE_CATEGORIES_GROUP,
    label: '服务需求（按类别）',
    unit: '件',
    keys: {},
    countedKeysToo: true,
  },
  { group: 'duty', label: '政策管家预约', unit: '次', keys: { appointments: '预约咨询' } },
];

/** Every label the charts and rows use, for the mini-program's legends. */
export const CHART_LABELS: Record<string, string> = {
  ...EVENT_KIND_LABELS,
  ...IDENTITY_KEYS,
  ...ALLIANCE_LABELS,
};
