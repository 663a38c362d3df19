import { LIMITS } from '../aws/limits.js';
import { MODES } from '../modes/names.js';
import { field, fromText } from './fields.js';
import { parseList, partitionOf } from './parse.js';
import type * as z from './schema.js';

export { MODES, type Mode } from '../modes/names.js';

/** Inputs every mode takes. Their defaults differ by mode, so each mode's schema sets them. */
export function commonFields(defaults: { timeoutSeconds: number; dryRun?: boolean }) {
  return {
    mode: field.choice(MODES),
    region: field.region(),
    timeout: field.duration().default(defaults.timeoutSeconds),
    'poll-interval': field.duration().default(10),
    'dry-run': field.boolean().default(defaults.dryRun ?? false),
  };
}

/** `ami-id` and `amis`, for the modes that work on an AMI someone else made. */
export function amiFields() {
  return {
    'ami-id': field.amiId().optional(),
    amis: field.amiMap().optional(),
  };
}

type AmiInputs = { region: string; 'ami-id'?: string; amis?: Record<string, string> };

/** Requires `ami-id` or `amis` (with an entry for the primary region), consistent where both are given. */
export function requireAmi(inputs: AmiInputs, ctx: z.RefinementCtx): void {
  const fromMap = inputs.amis?.[inputs.region];
  if (!inputs['ami-id'] && !fromMap) {
    ctx.addIssue({
      code: 'custom',
      path: [inputs.amis ? 'amis' : 'ami-id'],
      message: inputs.amis
        ? `It has no AMI for the primary region ${inputs.region}.`
        : 'Give the AMI: ami-id (e.g. steps.bake.outputs.ami-id) or amis.',
    });
  } else if (inputs['ami-id'] && fromMap && inputs['ami-id'] !== fromMap) {
    ctx.addIssue({ code: 'custom', path: ['ami-id'], message: `amis says ${fromMap} for ${inputs.region}.` });
  }
}

/** The AMI of the primary region and every region's, from `ami-id` and `amis`. */
export function amisOf(config: { region: string; amiId?: string; amis?: Record<string, string> }) {
  const amiId = (config.amiId ?? config.amis?.[config.region]) as string;
  return { amiId, amis: { ...config.amis, [config.region]: amiId } };
}

/**
 * Regions of another partition than `region` (aws, aws-cn, aws-us-gov) are refused: one set of
 * credentials reaches one partition, and CopyImage copies within one (across, it is
 * CreateStoreImageTask and CreateRestoreImageTask through S3).
 */
export function samePartition(
  inputs: { region: string },
  name: string,
  regions: readonly string[],
  ctx: z.RefinementCtx,
  why: string,
): void {
  const partition = partitionOf(inputs.region);
  const other = regions.filter((region) => partitionOf(region) !== partition);
  if (!other.length) return;
  ctx.addIssue({
    code: 'custom',
    path: [name],
    message: `${other.join(', ')} ${other.length > 1 ? 'are' : 'is'} not in the partition of region ${inputs.region} (${partition}): ${why}`,
  });
}

/** SSM's executionTimeout allows 1 s to 48 h. */
const MAX_COMMAND_TIMEOUT = 172_800;

/** `command-timeout`: how long each check or health command may run (the SSM document's executionTimeout). */
export function commandTimeout() {
  return field
    .duration()
    .default(600)
    .refine((seconds) => seconds >= 1 && seconds <= MAX_COMMAND_TIMEOUT, {
      message: 'Use a duration from 1s to 48h (the limit of the SSM document parameter executionTimeout).',
    });
}

const SSM_NAME = /^(\/[a-zA-Z0-9_.-]+)+$|^[a-zA-Z0-9_.-]+$/;

/**
 * The longest ARN before a parameter's name, which AWS counts within a name's 1011 characters: the
 * longest partition and region codes region accepts (aws-us-gov, us-gov-west-1; aws-iso-b with
 * us-isob-east-1 is as long), and a 12-digit account. The name is written in every region of the
 * run, so the longest one possible is what it must fit beside.
 */
export const LONGEST_PARAMETER_ARN_PREFIX = 'arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/';
const MAX_PARAMETER_NAME = LIMITS.parameterArnLength - LONGEST_PARAMETER_ARN_PREFIX.length;

/** A Parameter Store name (/app/ami/prod), within its hierarchy and length limits; throws saying what is allowed. */
export function checkParameterName(text: string): string {
  const name = text.trim();
  const bare = name.replace(/^\//, '');
  const levels = bare.split('/').length;
  if (levels > LIMITS.parameterLevels) {
    throw new Error(
      `${name} has ${levels} levels; Parameter Store allows at most ${LIMITS.parameterLevels} (HierarchyLevelLimitExceededException). Use a shorter path.`,
    );
  }
  if (name.length > MAX_PARAMETER_NAME) {
    throw new Error(
      `The name is ${name.length} characters; Parameter Store allows ${LIMITS.parameterArnLength} including the ARN before it (up to ${LONGEST_PARAMETER_ARN_PREFIX.length} characters, as in ${LONGEST_PARAMETER_ARN_PREFIX}), so at most ${MAX_PARAMETER_NAME}. Use a shorter name.`,
    );
  }
  if (!SSM_NAME.test(name) || /^(aws|ssm)/i.test(bare)) {
    throw new Error(
      'Use a Parameter Store name such as /app/ami/prod: letters, digits and .-_ in /-separated parts, not starting with aws or ssm.',
    );
  }
  return name;
}

/** A Parameter Store name (/app/ami/prod), within its hierarchy and length limits. */
export function parameterName() {
  return fromText(checkParameterName);
}

/** Parameter Store names, comma-separated or one per line; a bad one is named in the message. */
export function parameterNames() {
  return fromText((text) => {
    const names = parseList(text).map((entry) => {
      try {
        return checkParameterName(entry);
      } catch (error) {
        const shown = entry.length > 60 ? `${entry.slice(0, 60)}…` : entry;
        throw new Error(`"${shown}": ${(error as Error).message}`);
      }
    });
    return [...new Set(names)];
  });
}
