// 场地编辑 (staff): a new venue, or `?id=` to edit one (including marking it not bookable).
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { venuesApi } from '../../../../api/venues';
import { NavBar, PageContent, usePageData, useRequireAuth, StaffOnly } from '../../../../components';
import { VenueForm } from '../../components/VenueForm';
import '../detail/index.scss';

export default function VenueEditPage() {
  const id = useRouter().params.id;
  const auth = useRequireAuth();
  const staff = auth.status === 'signedIn' && auth.hasRole('staff');
  const page = usePageData(async () => (id ? (await venuesApi.get(id)).venue : null), [id], {
    enabled: staff,
  });
  if (auth.status === 'signedIn' && !staff) return <StaffOnly />;
  return (
    <View className="rc-page rc-venues-edit">
      <NavBar />
      <PageContent page={page}>
        {(venue) => (
          <VenueForm venue={venue} onSaved={() => void Taro.navigateBack().catch(() => undefined)} />
        )}
      </PageContent>
    </View>
  );
}
