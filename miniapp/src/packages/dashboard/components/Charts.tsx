// The dashboard's four charts, from the reply's series.
import { View } from '@tarojs/components';
import type { DashboardReply } from '@shared/api/admin';
import { HeatMap } from './HeatMap';
import { HorizontalBars } from './HorizontalBars';
import { StackedBars } from './StackedBars';

const KINDS = ['party_lesson', 'youth_education', 'activity'];
const IDENTITIES = ['party_member', 'employee', 'outdoor_worker', 'resident', 'parent', 'unknown'];

export function Charts({ report }: { report: DashboardReply }) {
  const { charts, labels } = report;
  return (
    <View>
      <StackedBars
        id="participation"
        title="每周活动参与（报名 + 签到，按活动类型）"
        unit="人次"
        keys={KINDS}
        labels={labels}
        columns={charts.participationByWeek.map((w) => ({ label: `${w.week.slice(5)}周`, values: w.byKind }))}
      />
      <StackedBars
        id="checkins"
        title="每日空间到访（按身份）"
        unit="人次"
        keys={IDENTITIES}
        labels={labels}
        columns={charts.checkinsByDay.map((d) => ({ label: d.date.slice(5), values: d.byIdentity }))}
      />
      <HorizontalBars
        id="redemptions"
        title="联盟优惠核销（按联盟）"
        unit="张"
        values={charts.redemptionsByAlliance}
        labels={labels}
      />
      <HeatMap id="occupancy" title="空间到访时段（星期 × 小时）" cells={charts.occupancy} />
    </View>
  );
}
