// A browser has no WeChat map: the address is copied for the phone's own map app.
import Taro from '@tarojs/taro';
import type { Venue } from '@shared/api/venues';

export const canOpenMap = false;

export async function showDirections(venue: Venue): Promise<void> {
  try {
    await Taro.setClipboardData({ data: venue.address });
  } catch {
    void Taro.showToast({ title: venue.address, icon: 'none' });
  }
}
