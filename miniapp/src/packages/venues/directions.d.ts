// Implemented per platform: directions.weapp.ts opens WeChat's map (wx.openLocation); directions.h5.ts has no map
// in a browser and copies the address instead.
import type { Venue } from '@shared/api/venues';

/** Whether this platform can open a map with directions to a venue that has a location. */
export declare const canOpenMap: boolean;
/** Opens directions to the venue (weapp), or copies its address (H5). */
export declare function showDirections(venue: Venue): Promise<void>;
