import { z } from 'zod';
import { commonFields } from './common.js';

export const publishInputs = z.object({
  ...commonFields({ timeoutSeconds: 10800 }),
});
