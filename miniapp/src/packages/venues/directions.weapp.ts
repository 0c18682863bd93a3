// WeChat: the built-in map with the venue's marker and a route to it (wx.openLocation).
import Taro from '@tarojs/taro';
import type { Venue } from '@shared/api/venues';

export const canOpenMap = true;

export async function showDirections(venue: Venue): Promise<void> {
  if (!venue.location) {
    await Taro.setClipboardData({ data: venue.address });
    return;
  }
  await Taro.openLocation({
    latitude: venue.location.lat,
    longitude: venue.location.lng,
    name: venue.name,
    address: venue.address,
    scale: 17,
  });
}
