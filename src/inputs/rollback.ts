import { commonFields } from './common.js';
import { refineBlueGreenGroups, refineRollout, rolloutFields } from './deploy.js';
import { field } from './fields.js';
import * as z from './schema.js';

/** Built when its mode runs: the other modes' schemas are never constructed. */
export const rollbackInputs = () =>
  z
    .object({
      ...commonFields({ timeoutSeconds: 3600 }),
      ...rolloutFields(),
      'green-asg': field.text().optional(),
      'listener-arn': field.arn('listener').optional(),
    })
    .superRefine((inputs, ctx) => {
      refineRollout(inputs, ctx);
      refineBlueGreenGroups(inputs, ctx, { names: ['green-asg', 'listener-arn'], doing: 'rolls back' });
    });
