import * as z from 'zod';
import { isoDate } from '../../../shared/api/common';
import { ok, route } from '../../lib/http';
import { statsService } from '../statsService';

const querySchema = z.object({ from: isoDate.optional(), to: isoDate.optional() });

export const handler = route({ access: 'staff', query: querySchema }, async ({ query }) =>
  ok(await statsService.daily(query)),
);
