// The headline figures of a range: the distinct-people summary, attendance rates per event kind, and one card per
// headline row the server sends (the server's dimension list decides the rows; new features add rows there).
import { View } from '@tarojs/components';
import type { DashboardReply } from '@shared/api/admin';

export const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

function Figure({ value, label }: { value: number | string; label: string }) {
  return (
    <View className="rc-dashboard-figure">
      <View className="rc-dashboard-figure__value">{value}</View>
      <View className="rc-dashboard-figure__label">{label}</View>
    </View>
  );
}

export function Figures({ report }: { report: DashboardReply }) {
  const { summary, labels } = report;
  return (
    <View>
      <View className="rc-card rc-dashboard-summary">
        <Figure value={summary.participants} label="参与活动人数" />
        <Figure value={summary.children} label="参与儿童" />
        <Figure value={summary.uniqueVisitors} label="空间到访人数" />
        <Figure value={summary.merchantsActive} label="参与商户" />
      </View>
      <View className="rc-card">
        <View className="rc-dashboard-card__title">活动报名与签到</View>
        <View className="rc-dashboard-table__row rc-dashboard-table__row--head">
          <View className="rc-dashboard-table__cell rc-dashboard-table__cell--label">活动类型</View>
          <View className="rc-dashboard-table__cell">报名</View>
          <View className="rc-dashboard-table__cell">签到</View>
          <View className="rc-dashboard-table__cell">签到率</View>
        </View>
        {report.attendance.map((row) => (
          <View key={row.kind} className="rc-dashboard-table__row">
            <View className="rc-dashboard-table__cell rc-dashboard-table__cell--label">{row.label}</View>
            <View className="rc-dashboard-table__cell">{row.signups}</View>
            <View className="rc-dashboard-table__cell">{row.attendance}</View>
            <View className="rc-dashboard-table__cell">{percent(row.rate)}</View>
          </View>
        ))}
      </View>
      {report.headline.map((row) => (
        <View key={row.id} className="rc-card rc-dashboard-row">
          <View className="rc-dashboard-row__head">
            <View className="rc-dashboard-card__title">{row.label}</View>
            {row.total !== null && (
              <View className="rc-dashboard-row__total">
                {row.total} {row.unit}
              </View>
            )}
          </View>
          {row.parts.map((part) => (
            <View key={part.key} className="rc-dashboard-row__part">
              <View>{part.label}</View>
              <View>
                {part.value} {row.unit}
              </View>
            </View>
          ))}
        </View>
      ))}
      {Object.keys(summary.uniqueVisitorsByIdentity).length > 0 && (
        <View className="rc-card rc-dashboard-row">
          <View className="rc-dashboard-card__title">空间到访人数（按身份，去重）</View>
          {Object.entries(summary.uniqueVisitorsByIdentity).map(([identity, n]) => (
            <View key={identity} className="rc-dashboard-row__part">
              <View>{labels[identity] ?? identity}</View>
              <View>{n} 人</View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
