// The browser build shows no map: the list below it gives every address.
import type { Venue } from '@shared/api/venues';

export function VenueMap(_props: { venues: Venue[]; onOpen: (id: string) => void }): JSX.Element | null {
  return null;
}
