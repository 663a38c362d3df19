import { LIMITS } from '../aws/limits.js';
import { commandTimeout, commonFields } from './common.js';
import { field, fromText } from './fields.js';
import { parseAmiMap, parseArn, parseLines, parseRegion, regionOfArn } from './parse.js';
import * as z from './schema.js';

export const STRATEGIES = ['rolling', 'canary', 'blue-green'] as const;
export const ON_CONFLICT = ['fail', 'wait', 'cancel'] as const;
/** What an instance refresh does with instances protected from scale in (RefreshPreferences.ScaleInProtectedInstances). */
export const PROTECTED_INSTANCES = ['refresh', 'ignore', 'wait'] as const;
/** What an instance refresh does with instances in Standby (RefreshPreferences.StandbyInstances). */
export const STANDBY_INSTANCES = ['terminate', 'ignore', 'wait'] as const;

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

const strategy = fromText((text): (typeof STRATEGIES)[number] => {
  const value = text.trim();
  if (!(STRATEGIES as readonly string[]).includes(value))
    throw new Error(`Use one of: ${STRATEGIES.join(', ')}.`);
  return value as (typeof STRATEGIES)[number];
});

/** Inputs deploy and rollback share: which groups, and how the instance refresh rolls. */
export function rolloutFields() {
  return {
    asg: fromText(parseGroups),
    strategy: strategy.default('rolling'),
    // Left out: the group's instance maintenance policy applies, else AWS's default (90 / 100).
    'min-healthy-percentage': field.integer(0, 100).optional(),
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
    'command-timeout': commandTimeout(),
    'scale-in-protected-instances': field.choice(PROTECTED_INSTANCES).default('wait'),
    'standby-instances': field.choice(STANDBY_INSTANCES).default('wait'),
  };
}

type RolloutInputs = {
  alarms: string[];
  'checkpoint-delay': number;
  'bake-time'?: number;
  'instance-warmup'?: number;
  'min-healthy-percentage'?: number;
  'max-healthy-percentage'?: number;
  strategy: string;
  checkpoints?: number[];
  'health-commands': string[];
};

/** Checks across rollout inputs, reported like any other input error. */
export function refineRollout(inputs: RolloutInputs, ctx: z.RefinementCtx): void {
  const issue = (name: string, message: string) => ctx.addIssue({ code: 'custom', path: [name], message });
  for (const name of ['checkpoint-delay', 'bake-time', 'instance-warmup'] as const) {
    const seconds = inputs[name];
    if (seconds === undefined) continue;
    if (!Number.isInteger(seconds))
      issue(name, `Use whole seconds (instance refresh takes integer seconds): ${seconds}s is not.`);
    else if (name !== 'instance-warmup' && seconds > LIMITS.refreshWaitSeconds) {
      issue(name, `At most 48h (${LIMITS.refreshWaitSeconds}s), the instance refresh limit.`);
    }
  }
  if (inputs.alarms.length > 10)
    issue('alarms', 'Give at most 10 CloudWatch alarm names (the instance refresh limit).');
  const max = inputs['max-healthy-percentage'];
  const min = inputs['min-healthy-percentage'];
  if (max !== undefined && min !== undefined && max - min > 100) {
    issue('max-healthy-percentage', 'Keep max-healthy-percentage at most 100 above min-healthy-percentage.');
  }
  if (inputs.strategy !== 'canary' && inputs.checkpoints) {
    issue(
      'checkpoints',
      `checkpoints belong to strategy: canary, not ${inputs.strategy}. Remove them, or set strategy: canary.`,
    );
  }
  if (inputs.strategy === 'rolling' && inputs['health-commands'].length) {
    issue(
      'health-commands',
      'health-commands run at canary checkpoints or before a blue-green switch. Remove them, or set strategy: canary or blue-green.',
    );
  }
}

/** Inputs of strategy blue-green (see docs/modes/deploy.md). */
function blueGreenFields() {
  return {
    'green-asg': field.text().optional(),
    'target-groups': field.list().optional(),
    'keep-old': field.duration().optional(),
    'listener-arn': field.arn('listener').optional(),
    'traffic-steps': field.percentages().optional(),
  };
}

type BlueGreenInputs = {
  region: string;
  strategy: string;
  asg: GroupRef[];
  'green-asg'?: string;
  'target-groups'?: string[];
  'keep-old'?: number;
  'listener-arn'?: string;
  'traffic-steps'?: number[];
};

/** What deploy and rollback check alike for strategy blue-green. */
export function refineBlueGreenGroups(
  inputs: Pick<BlueGreenInputs, 'region' | 'strategy' | 'asg' | 'green-asg' | 'listener-arn'> &
    Partial<BlueGreenInputs>,
  ctx: z.RefinementCtx,
  { names, doing }: { names: readonly (keyof BlueGreenInputs)[]; doing: string },
): boolean {
  const issue = (name: string, message: string) => ctx.addIssue({ code: 'custom', path: [name], message });
  if (inputs.strategy !== 'blue-green') {
    for (const name of names) {
      if (inputs[name] !== undefined)
        issue(name, `${name} belongs to strategy: blue-green. Remove it, or set strategy: blue-green.`);
    }
    return false;
  }
  if (inputs.asg.length !== 1 || inputs.asg[0].region) {
    issue(
      'asg',
      `strategy: blue-green ${doing} one group of the step's region: give exactly one name (no region: prefix).`,
    );
  }
  const listener = inputs['listener-arn'];
  if (listener !== undefined && regionOfArn(listener) !== inputs.region) {
    issue('listener-arn', `Give a listener of the step's region (${inputs.region}).`);
  }
  if (inputs['green-asg'] !== undefined && inputs['green-asg'] === inputs.asg[0]?.name) {
    issue('green-asg', 'Name a group other than asg: blue-green switches between two groups.');
  }
  return true;
}

/** A group may have at most 50 target groups (Auto Scaling quota). */
const TARGET_GROUPS_PER_GROUP = 50;

/** `target-groups`: names or ARNs of the step's region, at most 50 (what a group may have). */
function refineTargetGroups(given: string[], region: string, ctx: z.RefinementCtx): void {
  const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['target-groups'], message });
  if (given.length > TARGET_GROUPS_PER_GROUP) {
    issue(
      `Give at most ${TARGET_GROUPS_PER_GROUP} target groups (${given.length} given): an Auto Scaling group can have at most ${TARGET_GROUPS_PER_GROUP}.`,
    );
  }
  for (const entry of given.filter((g) => g.startsWith('arn:'))) {
    try {
      parseArn('target-group', entry);
    } catch (error) {
      issue(`'${entry}': ${(error as Error).message}`);
      continue;
    }
    if (regionOfArn(entry) !== region) {
      issue(`'${entry}' is in ${regionOfArn(entry)}: give target groups of the step's region (${region}).`);
    }
  }
}

function refineBlueGreen(inputs: BlueGreenInputs, ctx: z.RefinementCtx): void {
  const names = ['green-asg', 'target-groups', 'keep-old', 'listener-arn', 'traffic-steps'] as const;
  if (!refineBlueGreenGroups(inputs, ctx, { names, doing: 'deploys' })) return;
  if (inputs['target-groups']) refineTargetGroups(inputs['target-groups'], inputs.region, ctx);
  const listener = inputs['listener-arn'];
  if ((listener === undefined) !== (inputs['traffic-steps'] === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [listener === undefined ? 'listener-arn' : 'traffic-steps'],
      message:
        'listener-arn and traffic-steps go together: give both to shift traffic step by step through the listener, or neither to switch the target groups at once.',
    });
  }
}

/** Built when its mode runs: the other modes' schemas are never constructed. */
export const deployInputs = () =>
  z
    .object({
      ...commonFields({ timeoutSeconds: 7200 }),
      'ami-id': field.amiId().optional(),
      amis: fromText(parseAmiMap).optional(),
      ...rolloutFields(),
      ...blueGreenFields(),
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
      refineBlueGreen(inputs, ctx);
    });
