// What closing an account erases and what stays (the confirmation says exactly this; docs/api/users.md is the source).
export const ERASED_ON_CLOSE = [
  '昵称、真实姓名、头像、手机号、身份等个人资料',
  '报名中孩子的姓名、年龄和监护人手机号',
  '未开始活动的报名（名额让给候补的人）',
  '共享空间中尚未结束的签到',
  '未开始的场地预约（时段释放给他人）和政策管家预约（名额让出）',
  '未办结的服务申请（自动撤回）',
  '预约的用途和单位、服务申请的描述和联系方式、咨询的问题、商户入驻申请的联系方式',
];

export const KEPT_ON_CLOSE = [
  '寄语墙上的寄语（不再显示作者）',
  '已领取的优惠券的数量统计（不再关联到你）',
  '活动名额与签到人数等统计数字',
  '已开始的场地预约与政策管家预约、服务申请的处理记录（不含个人信息）',
  '商户入驻申请中的商户名称、地址及其发布的优惠',
];

/** Export sections in the order shown, with their Chinese names. */
export const EXPORT_SECTIONS: { key: string; label: string }[] = [
  { key: 'avatar', label: '头像' },
  { key: 'signups', label: '活动报名' },
  { key: 'checkins', label: '空间签到' },
  { key: 'messages', label: '寄语' },
  { key: 'claims', label: '优惠券' },
  { key: 'merchantApplications', label: '商户入驻申请' },
  { key: 'bookings', label: '场地预约' },
  { key: 'serviceRequests', label: '服务申请' },
  { key: 'appointments', label: '政策管家预约' },
];
