// Staff: the month's figures in the layout of a committee report — printable from H5, CSV shared to a WeChat chat
// from the mini-program (shareFileMessage) or downloaded in the browser.
import { Button, Picker, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { DashboardReply } from '@shared/api/admin';
import { adminApi } from '../../../../api/admin';
import { toApiError } from '../../../../api/client';
import { goToSignIn } from '../../../../navigation';
import { getToken, setToken } from '../../../../auth/session';
import { NavBar, PageContent, usePageData, useRequireAuth, StaffOnly } from '../../../../components';
import { districtDay } from '../../../../lib/districtTime';
import { percent } from '../../components/Figures';
import { canPrint, printReport, shareReportCsv } from '../../share';
import '../dashboard.scss';

function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

function Line({ name, value }: { name: string; value: string | number }) {
  return (
    <View className="rc-dashboard-report__line">
      <View>{name}</View>
      <View>{value}</View>
    </View>
  );
}

function Report({ month, report }: { month: string; report: DashboardReply }) {
  const s = report.summary;
  return (
    <View className="rc-dashboard-report__sheet">
      <View className="rc-dashboard-report__heading">
        红色商圈党群服务中心 {month.replace('-', ' 年 ')} 月工作报表
      </View>
      <View className="rc-dashboard-report__section">一、总体情况</View>
      <Line name="参与活动人数（去重）" value={`${s.participants} 人`} />
      <Line name="参与儿童" value={`${s.children} 人`} />
      <Line name="共享空间到访人数（去重）" value={`${s.uniqueVisitors} 人`} />
      <Line name="参与商户" value={`${s.merchantsActive} 家`} />
      <View className="rc-dashboard-report__section">二、活动开展</View>
      {report.attendance.map((a) => (
        <Line
          key={a.kind}
          name={a.label}
          value={`报名 ${a.signups} · 签到 ${a.attendance} · 签到率 ${percent(a.rate)}`}
        />
      ))}
      <View className="rc-dashboard-report__section">三、分项数据</View>
      {report.headline.map((row) => (
        <View key={row.id} className="rc-dashboard-report__group">
          <View className="rc-dashboard-report__subhead">
            <View>{row.label}</View>
            <View>{row.total === null ? '' : `合计 ${row.total} ${row.unit}`}</View>
          </View>
          {row.parts.map((p) => (
            <Line key={p.key} name={p.label} value={`${p.value} ${row.unit}`} />
          ))}
        </View>
      ))}
      <View className="rc-dashboard-report__section">四、活跃之星</View>
      {report.ranking.items.length === 0 ? (
        <Line name="本月暂无" value="" />
      ) : (
        report.ranking.items.map((item, i) => (
          <Line
            key={`${i}-${item.name}`}
            name={`${i + 1}. ${item.name}`}
            value={`${item.participations} 次`}
          />
        ))
      )}
    </View>
  );
}

export default function ReportPage() {
  const auth = useRequireAuth();
  const staff = auth.hasRole('staff');
  const [month, setMonth] = useState(districtDay(Date.now()).slice(0, 7));
  const range = monthRange(month);
  const page = usePageData(() => adminApi.dashboard(range), [month], {
    enabled: auth.status === 'signedIn' && staff,
  });

  if (auth.status === 'signedIn' && !staff) return <StaffOnly />;

  const share = async () => {
    try {
      await shareReportCsv(
        adminApi.reportCsvUrl(range.from, range.to),
        getToken(),
        `红色商圈月度报表-${month}`,
      );
    } catch (err) {
      const failure = toApiError(err);
      if (failure.status === 401) {
        setToken(null); // as the API client does on a 401: the session is over, so sign-in is asked for
        goToSignIn();
      } else void Taro.showToast({ title: failure.message, icon: 'none' });
    }
  };

  return (
    <View className="rc-page rc-dashboard rc-dashboard-report">
      <NavBar />
      <View className="rc-dashboard-report__tools">
        <Picker
          mode="date"
          fields="month"
          value={month}
          onChange={(e) => setMonth(e.detail.value.slice(0, 7))}
        >
          <View className="rc-dashboard-range__date">{month}</View>
        </Picker>
        {canPrint && (
          <Button className="rc-dashboard__button" onClick={printReport}>
            打印
          </Button>
        )}
        <Button className="rc-dashboard__button" onClick={() => void share()}>
          {canPrint ? '下载 CSV' : '分享 CSV 到微信'}
        </Button>
      </View>
      <PageContent page={page}>{(report) => <Report month={month} report={report} />}</PageContent>
    </View>
  );
}
