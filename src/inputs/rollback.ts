import { z } from 'zod';
import { commonFields } from './common.js';

export const rollbackInputs = z.object({
  ...commonFields({ timeoutSeconds: 3600 }),
});
