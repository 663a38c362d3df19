import type * as z from 'zod';
import { field } from './fields.js';

export const MODES = ['bake', 'test', 'publish', 'deploy', 'rollback', 'cleanup'] as const;
export type Mode = (typeof MODES)[number];

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
