import { z } from 'zod';
import { commonFields } from './common.js';

export const testInputs = z.object({
  ...commonFields({ timeoutSeconds: 1800 }),
});
