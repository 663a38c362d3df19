import * as z from 'zod';
import { commonFields } from './common.js';
import { refineRollout, rolloutFields } from './deploy.js';
import { field } from './fields.js';

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
      const issue = (name: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [name], message });
      if (inputs.strategy !== 'blue-green') {
        for (const name of ['green-asg', 'listener-arn'] as const) {
          if (inputs[name] !== undefined)
            issue(name, `${name} belongs to strategy: blue-green. Remove it, or set strategy: blue-green.`);
        }
        return;
      }
      if (inputs.asg.length !== 1 || inputs.asg[0].region) {
        issue(
          'asg',
          "strategy: blue-green rolls back one group of the step's region: give exactly one name (no region: prefix).",
        );
      }
      const listener = inputs['listener-arn'];
      if (listener !== undefined && listener.split(':')[3] !== inputs.region) {
        issue('listener-arn', `Give a listener of the step's region (${inputs.region}).`);
      }
      if (inputs['green-asg'] !== undefined && inputs['green-asg'] === inputs.asg[0]?.name) {
        issue('green-asg', 'Name a group other than asg: blue-green switches between two groups.');
      }
    });
