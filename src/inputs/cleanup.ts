import { z } from 'zod';
import { commonFields } from './common.js';

export const cleanupInputs = z.object({
  ...commonFields({ timeoutSeconds: 1800, dryRun: true }),
});
