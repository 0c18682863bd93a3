// Staff: the committee's figures for a range (本周 / 本月 / 上月 / 自定义) — headline numbers, attendance rates,
// distinct people, four charts and "who is active" — and the way to the monthly report.
import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { districtDay } from '../../../../lib/districtTime';
import { adminApi, type DashboardRange } from '../../../../api/admin';
import { NavBar, PageContent, usePageData, useRequireAuth, StaffOnly } from '../../../../components';
import { openPage } from '../../../../navigation';
import { Charts } from '../../components/Charts';
import { Figures } from '../../components/Figures';
import { RangePicker } from '../../components/RangePicker';
import { Ranking } from '../../components/Ranking';
import '../dashboard.scss';

export default function DashboardPage() {
  const auth = useRequireAuth();
  const staff = auth.hasRole('staff');
  const [range, setRange] = useState<DashboardRange>({ preset: 'this_month' });
  const page = usePageData(() => adminApi.dashboard(range), [JSON.stringify(range)], {
    enabled: auth.status === 'signedIn' && staff,
  });

  if (auth.status === 'signedIn' && !staff) return <StaffOnly />;

  return (
    <View className="rc-page rc-dashboard">
      <NavBar />
      <RangePicker range={range} today={districtDay(Date.now())} onChange={setRange} />
      <PageContent page={page}>
        {(report) => (
          <View>
            <View className="rc-dashboard__period">
              {report.from} 至 {report.to}
            </View>
            <Figures report={report} />
            <Charts report={report} />
            <Ranking ranking={report.ranking} />
            <View className="rc-dashboard__actions">
              <Button
                className="rc-dashboard__button"
                onClick={() => void openPage('/packages/dashboard/pages/report/index')}
              >
                月度报表（打印 / 导出）
              </Button>
            </View>
          </View>
        )}
      </PageContent>
    </View>
  );
}
