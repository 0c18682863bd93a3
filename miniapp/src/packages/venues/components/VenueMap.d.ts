// Implemented per platform: VenueMap.weapp.tsx draws Taro's <Map> with a marker per venue (tap → the venue);
// VenueMap.h5.tsx draws nothing (no map tiles in the browser build; the list shows the addresses).
import type { Venue } from '@shared/api/venues';

export declare function VenueMap(props: {
  venues: Venue[];
  onOpen: (id: string) => void;
}): JSX.Element | null;
