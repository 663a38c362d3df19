import { z } from 'zod';
import { commonFields } from './common.js';

export const deployInputs = z.object({
  ...commonFields({ timeoutSeconds: 7200 }),
});
