import { z } from 'zod';
import { commonFields } from './common.js';
import { refineRollout, rolloutFields } from './deploy.js';

export const rollbackInputs = z
  .object({
    ...commonFields({ timeoutSeconds: 3600 }),
    ...rolloutFields(),
  })
  .superRefine((inputs, ctx) => refineRollout(inputs, ctx));
