// A request's moves, oldest first: status, when, and the note staff left.
import { View } from '@tarojs/components';
import { REQUEST_STATUS_LABELS, type ServiceRequest } from '@shared/api/services';
import { formatDateTime } from '../../lib/districtTime';

export function RequestHistory({ request }: { request: ServiceRequest }) {
  return (
    <View className="rc-services-history">
      {request.history.map((h, i) => (
        <View key={i} className="rc-services-history__entry">
          {formatDateTime(h.at)} · {REQUEST_STATUS_LABELS[h.status]}
          {h.note ? `：${h.note}` : ''}
        </View>
      ))}
    </View>
  );
}
