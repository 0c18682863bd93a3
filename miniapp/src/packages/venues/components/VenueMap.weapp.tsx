// WeChat: one marker per venue with a location; tapping a marker's callout opens the venue.
import { Map } from '@tarojs/components';
import type { Venue } from '@shared/api/venues';

export function VenueMap({ venues, onOpen }: { venues: Venue[]; onOpen: (id: string) => void }) {
  const placed = venues.filter((v) => v.location);
  if (placed.length === 0) return null;
  const markers = placed.map((v, i) => ({
    id: i,
    latitude: v.location!.lat,
    longitude: v.location!.lng,
    title: v.name,
    width: 24,
    height: 32,
    iconPath: '',
    callout: {
      content: v.name,
      color: '#262626',
      fontSize: 14,
      anchorX: 0,
      anchorY: 0,
      borderRadius: 6,
      borderWidth: 1,
      borderColor: '#c8161d',
      bgColor: '#ffffff',
      padding: 6,
      display: 'BYCLICK' as const,
      textAlign: 'center' as const,
    },
  }));
  const lat = placed.reduce((s, v) => s + v.location!.lat, 0) / placed.length;
  const lng = placed.reduce((s, v) => s + v.location!.lng, 0) / placed.length;
  const open = (markerId: number) => {
    const venue = placed[markerId];
    if (venue) onOpen(venue.id);
  };
  return (
    <Map
      className="rc-venues-list__map"
      latitude={lat}
      longitude={lng}
      scale={13}
      markers={markers}
      onMarkerTap={(e) => open(Number((e.detail as { markerId: number }).markerId))}
      onError={() => undefined}
      onCalloutTap={(e) => open(Number((e.detail as { markerId: number }).markerId))}
    />
  );
}
