// Path parameters shared by the space routes.
import { z } from 'zod';

export const spaceParams = z.object({ id: z.string().min(1).max(64) });
