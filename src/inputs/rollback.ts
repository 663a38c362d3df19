import * as z from 'zod';
import { commonFields } from './common.js';
import { refineRollout, rolloutFields } from './deploy.js';

export const rollbackInputs = z
  .object({
    ...commonFields({ timeoutSeconds: 3600 }),
    ...rolloutFields(),
  })
  .superRefine((inputs, ctx) => {
    refineRollout(inputs, ctx);
    if (inputs.strategy === 'blue-green') {
      ctx.addIssue({
        code: 'custom',
        path: ['strategy'],
        message:
          'rollback with strategy: blue-green is not available in this version yet. Use rolling or canary.',
      });
    }
  });
