// 预约名单 (staff): who booked one duty shift, with the questions they left in advance.
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { dutyApi } from '../../../../api/services';
import { Empty, NavBar, PageContent, usePageData, useRequireAuth } from '../../../../components';
import { formatDateTime } from '../../../../lib/districtTime';
import '../../styles.scss';

export default function ShiftAppointmentsPage() {
  const id = useRouter().params.id ?? '';
  const auth = useRequireAuth();
  const isStaff = auth.status === 'signedIn' && auth.hasRole('staff');
  const page = usePageData(() => dutyApi.appointments(id), [id], { enabled: isStaff, refreshOnShow: true });
  if (auth.status === 'signedIn' && !isStaff)
    return (
      <View className="rc-page">
        <NavBar />
        <Empty icon="lock" text="仅限工作人员使用" />
      </View>
    );
  return (
    <View className="rc-page rc-services-appointments">
      <NavBar />
      <PageContent
        page={page}
        isEmpty={(p) => p.items.length === 0}
        emptyText="这个班次还没有预约"
        emptyIcon="clock"
      >
        {(p) => (
          <View>
            <View className="rc-section-title">共 {p.items.length} 人预约</View>
            {p.items.map((a) => (
              <View key={a.userId} className="rc-card rc-services-appointments__card">
                <View className="rc-services-row">
                  <View className="rc-services-title">{a.nickname ?? '用户'}</View>
                  <View className="rc-services-hint">{formatDateTime(a.createdAt)} 预约</View>
                </View>
                {a.phone ? <View className="rc-services-meta">电话：{a.phone}</View> : null}
                <View className="rc-services-meta">问题：{a.question ?? '（未填写）'}</View>
              </View>
            ))}
          </View>
        )}
      </PageContent>
    </View>
  );
}
