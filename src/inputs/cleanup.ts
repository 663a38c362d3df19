import { commonFields } from './common.js';
import { field } from './fields.js';
import * as z from './schema.js';

/** The selection inputs: at least one of them (or ami-id) is required, never "every AMI of the account". */
const SELECTION = ['name-prefix', 'filter-tags'] as const;

/** Built when its mode runs: the other modes' schemas are never constructed. */
export const cleanupInputs = () =>
  z
    .object({
      ...commonFields({ timeoutSeconds: 1800, dryRun: true }),
      'ami-id': field.amiId().optional(),
      'name-prefix': field.namePrefix().optional(),
      'filter-tags': field.keyValues().default([]),
      regions: field.regions().default([]),
      'keep-latest': field.integer(0, 1000).default(3),
      'older-than': field.duration().optional(),
      'honor-delete-on': field.boolean().default(false),
      'orphan-snapshots': field.boolean().default(false),
      'include-shared': field.boolean().default(false),
      'ssm-parameters': field.list().default([]),
    })
    .superRefine((inputs, ctx) => {
      const selected = inputs['name-prefix'] !== undefined || inputs['filter-tags'].length > 0;
      if (!inputs['ami-id'] && !selected) {
        ctx.addIssue({
          code: 'custom',
          path: ['name-prefix'],
          message:
            'cleanup needs ami-id (one AMI) or a selection: name-prefix and/or filter-tags (key=value, one per line). It never works on every AMI of the account.',
        });
      }
      if (inputs['ami-id'] && selected) {
        for (const name of SELECTION) {
          if (name === 'filter-tags' ? inputs[name].length === 0 : inputs[name] === undefined) continue;
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message:
              'Give either ami-id (remove that one AMI) or a selection (name-prefix / filter-tags), not both.',
          });
        }
      }
      if (inputs['ami-id'] && inputs.regions.some((region) => region !== inputs.region)) {
        ctx.addIssue({
          code: 'custom',
          path: ['regions'],
          message: 'ami-id names one AMI of the primary region: leave regions empty (AMI ids are regional).',
        });
      }
    });
