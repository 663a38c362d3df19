import { z } from 'zod';
import { commonFields } from './common.js';

export const bakeInputs = z.object({
  ...commonFields({ timeoutSeconds: 7200 }),
});
