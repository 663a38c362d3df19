import { z } from 'zod';
import { commonFields } from './common.js';
import { field } from './fields.js';
import { parseAmiId, parseLines, parseRegion } from './parse.js';

/** `blue-green` is reserved for the next release: named here so the error can say so. */
export const STRATEGIES = ['rolling', 'canary'] as const;
export const ON_CONFLICT = ['fail', 'wait', 'cancel'] as const;

export interface GroupRef {
  /** The region given with `region:name`, else undefined (the step's region). */
  region?: string;
  name: string;
}

/** `asg`: group names, one per line (or comma separated); `region:name` for a group in another region. */
function parseGroups(text: string): GroupRef[] {
  const refs = parseLines(text.replace(/,/g, '\n')).map((line): GroupRef => {
    const at = line.indexOf(':');
    if (at > 0) {
      try {
        return { region: parseRegion(line.slice(0, at)), name: line.slice(at + 1).trim() };
      } catch {
        // Not a region prefix: the whole line is the name.
      }
    }
    return { name: line };
  });
  if (!refs.length || refs.some((r) => !r.name || r.name.length > 255)) {
    throw new Error('Use Auto Scaling group names, one per line; region:name for a group in another region.');
  }
  return refs;
}

/** `amis`: `{"us-east-1":"ami-…","eu-west-1":"ami-…"}`, as bake and publish output it. */
function parseAmiMap(text: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('Use a JSON object of region -> AMI id, e.g. {"us-east-1":"ami-0123456789abcdef0"}.');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || !Object.keys(value).length) {
    throw new Error('Use a JSON object of region -> AMI id, e.g. {"us-east-1":"ami-0123456789abcdef0"}.');
  }
  const out: Record<string, string> = {};
  for (const [region, ami] of Object.entries(value as Record<string, unknown>)) {
    out[parseRegion(region)] = parseAmiId(String(ami));
  }
  return out;
}

function fromText<T>(parse: (text: string) => T) {
  return z.string().transform((text, ctx): T => {
    try {
      return parse(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });
}

const strategy = fromText((text): (typeof STRATEGIES)[number] => {
  const value = text.trim();
  if (value === 'blue-green') {
    throw new Error('blue-green is not available in this version yet. Use rolling or canary.');
  }
  if (!(STRATEGIES as readonly string[]).includes(value))
    throw new Error(`Use one of: ${STRATEGIES.join(', ')}.`);
  return value as (typeof STRATEGIES)[number];
});

/** Inputs deploy and rollback share: which groups, and how the instance refresh rolls. */
export function rolloutFields() {
  return {
    asg: fromText(parseGroups),
    strategy: strategy.default('rolling'),
    'min-healthy-percentage': field.integer(0, 100).default(90),
    'max-healthy-percentage': field.integer(100, 200).optional(),
    'instance-warmup': field.duration().optional(),
    'skip-matching': field.boolean().default(true),
    checkpoints: field.percentages().optional(),
    'checkpoint-delay': field.duration().default(600),
    alarms: field.list().default([]),
    'health-commands': field.lines().default([]),
    'auto-rollback': field.boolean().default(true),
    'bake-time': field.duration().optional(),
    'on-conflict': field.choice(ON_CONFLICT).default('fail'),
    'set-default-version': field.boolean().default(false),
  };
}

type RolloutInputs = {
  alarms: string[];
  'min-healthy-percentage': number;
  'max-healthy-percentage'?: number;
  strategy: string;
  checkpoints?: number[];
  'health-commands': string[];
};

/** Checks across rollout inputs, reported like any other input error. */
export function refineRollout(inputs: RolloutInputs, ctx: z.RefinementCtx): void {
  const issue = (name: string, message: string) => ctx.addIssue({ code: 'custom', path: [name], message });
  if (inputs.alarms.length > 10)
    issue('alarms', 'Give at most 10 CloudWatch alarm names (the instance refresh limit).');
  const max = inputs['max-healthy-percentage'];
  if (max !== undefined && max - inputs['min-healthy-percentage'] > 100) {
    issue('max-healthy-percentage', 'Keep max-healthy-percentage at most 100 above min-healthy-percentage.');
  }
  if (inputs.strategy === 'rolling' && inputs.checkpoints) {
    issue('checkpoints', 'checkpoints belong to strategy: canary. Remove them, or set strategy: canary.');
  }
  if (inputs.strategy === 'rolling' && inputs['health-commands'].length) {
    issue(
      'health-commands',
      'health-commands run at canary checkpoints. Remove them, or set strategy: canary.',
    );
  }
}

export const deployInputs = z
  .object({
    ...commonFields({ timeoutSeconds: 7200 }),
    'ami-id': field.amiId().optional(),
    amis: fromText(parseAmiMap).optional(),
    ...rolloutFields(),
  })
  .superRefine((inputs, ctx) => {
    if (!inputs['ami-id'] && !inputs.amis) {
      ctx.addIssue({
        code: 'custom',
        path: ['ami-id'],
        message: 'deploy needs the AMI to roll out: ami-id, or amis (a region -> AMI map from publish).',
      });
    }
    const primary = inputs.amis?.[inputs.region];
    if (inputs['ami-id'] && primary && primary !== inputs['ami-id']) {
      ctx.addIssue({
        code: 'custom',
        path: ['ami-id'],
        message: `ami-id must be the primary region's entry of amis (${primary} for ${inputs.region}).`,
      });
    }
    refineRollout(inputs, ctx);
  });
