import { commonFields, parameterNames, samePartition } from './common.js';
import { field, fromText } from './fields.js';
import { parseList } from './parse.js';
import * as z from './schema.js';

/** The retirement stages, in the only order they can run. */
export const RETIRE_STAGES = ['deprecate', 'disable', 'delete'] as const;
export type RetireStage = (typeof RETIRE_STAGES)[number];

/** `deprecate,disable,delete`: some of the stages, each once, in their order. */
export function parseStages(text: string): RetireStage[] {
  const stages = parseList(text);
  for (const stage of stages) {
    if (!(RETIRE_STAGES as readonly string[]).includes(stage)) {
      throw new Error(`"${stage}" is not a stage. Use some of ${RETIRE_STAGES.join(', ')}, in that order.`);
    }
  }
  const ranks = stages.map((stage) => RETIRE_STAGES.indexOf(stage as RetireStage));
  if (!stages.length || ranks.some((rank, i) => i > 0 && rank <= ranks[i - 1])) {
    throw new Error(
      `List each stage once, in the order ${RETIRE_STAGES.join(', ')} (e.g. deprecate,disable,delete).`,
    );
  }
  return stages as RetireStage[];
}

/** A tag key as EC2 takes it: 1 to 128 characters, not starting with aws:. */
function parseTagKey(text: string): string {
  const key = text.trim();
  if (!key || key.length > 128 || /^aws:/i.test(key)) {
    throw new Error('Give one tag key (1 to 128 characters, not starting with aws:), e.g. app.');
  }
  return key;
}

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
      'ssm-parameters': parameterNames().default([]),
      'unused-for': field.duration().optional(),
      stages: fromText(parseStages).default(['delete']),
      'stage-delay': field.duration().default(7 * 86400),
      restore: field.amiId().optional(),
      'group-by-tag': fromText(parseTagKey).optional(),
    })
    .superRefine((inputs, ctx) => {
      const selected = inputs['name-prefix'] !== undefined || inputs['filter-tags'].length > 0;
      if (inputs.restore) {
        for (const name of ['ami-id', ...SELECTION] as const) {
          if (name === 'filter-tags' ? inputs[name].length === 0 : inputs[name] === undefined) continue;
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message:
              'restore puts back one retired AMI and retires nothing: run it without ami-id, name-prefix or filter-tags (a separate step or workflow run).',
          });
        }
        return;
      }
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
      samePartition(
        inputs,
        'regions',
        inputs.regions,
        ctx,
        `the credentials of one step reach one partition. Clean up each partition in its own step (with its own region and credentials).`,
      );
      if (inputs['ami-id'] && inputs.regions.some((region) => region !== inputs.region)) {
        ctx.addIssue({
          code: 'custom',
          path: ['regions'],
          message: 'ami-id names one AMI of the primary region: leave regions empty (AMI ids are regional).',
        });
      }
    });
