import { z } from 'zod';
import { commonFields } from './common.js';
import { InputError } from './errors.js';
import { field } from './fields.js';
import { parseAmiId, parseInteger, parseList, parseRegion } from './parse.js';

/** `amis` as bake and publish output it: a JSON object region -> AMI id. */
function parseAmis(text: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('Use a JSON object region -> AMI id, e.g. {"us-east-1":"ami-0123456789abcdef0"}.');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('Use a JSON object region -> AMI id, e.g. {"us-east-1":"ami-0123456789abcdef0"}.');
  }
  const amis: Record<string, string> = {};
  for (const [region, id] of Object.entries(value)) amis[parseRegion(region)] = parseAmiId(String(id));
  return amis;
}

function parsePorts(text: string): number[] {
  return [...new Set(parseList(text).map((port) => parseInteger(port, 1, 65535)))];
}

const fromText = <T>(parse: (text: string) => T) =>
  z.string().transform((text, ctx): T => {
    try {
      return parse(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });

/** SSM's executionTimeout allows 1 s to 48 h. */
const MAX_COMMAND_TIMEOUT = 172_800;

export const testInputs = z
  .object({
    ...commonFields({ timeoutSeconds: 1800 }),
    'ami-id': field.amiId().optional(),
    amis: fromText(parseAmis).optional(),
    'instance-type': field.text().optional(),
    'subnet-id': field.text().optional(),
    'security-group-ids': field.list().default([]),
    'instance-profile': field.text().optional(),
    'associate-public-ip': field.boolean().default(false),
    smoke: field.lines().default([]),
    compliance: field.list().default([]),
    'allowed-ports': fromText(parsePorts).default([22]),
    'command-timeout': field
      .duration()
      .default(600)
      .refine((seconds) => seconds >= 1 && seconds <= MAX_COMMAND_TIMEOUT, {
        message: 'Use a duration from 1s to 48h (the limit of the SSM document parameter executionTimeout).',
      }),
    'keep-instance-on-failure': field.boolean().default(false),
  })
  .superRefine((inputs, ctx) => {
    const primary = inputs.region ? inputs.amis?.[inputs.region] : undefined;
    if (inputs['ami-id'] && primary && inputs['ami-id'] !== primary) {
      ctx.addIssue({
        code: 'custom',
        path: ['ami-id'],
        message: `It must be the amis entry of the primary region ${inputs.region} (${primary}).`,
      });
    }
    if (inputs['instance-type'] && !/^[a-z][a-z0-9-]*\.[a-z0-9-]+$/.test(inputs['instance-type'])) {
      ctx.addIssue({
        code: 'custom',
        path: ['instance-type'],
        message: 'Use an EC2 instance type such as t3.micro.',
      });
    }
    if (inputs['subnet-id'] && !/^subnet-[0-9a-f]{8,17}$/.test(inputs['subnet-id'])) {
      ctx.addIssue({
        code: 'custom',
        path: ['subnet-id'],
        message: 'Use a subnet id such as subnet-0123456789abcdef0.',
      });
    }
    const badGroup = inputs['security-group-ids'].find((id) => !/^sg-[0-9a-f]{8,17}$/.test(id));
    if (badGroup) {
      ctx.addIssue({
        code: 'custom',
        path: ['security-group-ids'],
        message: `"${badGroup}" is not a security group id; use ids such as sg-0123456789abcdef0.`,
      });
    }
  });

/**
 * The AMI to test: ami-id, else the primary region's entry of amis. Checked when the mode runs (still
 * before any AWS call) rather than in the schema, which other modes' tests share.
 */
export function amiUnderTest(config: {
  region: string;
  amiId?: string;
  amis?: Record<string, string>;
}): string {
  const ami = config.amiId ?? config.amis?.[config.region];
  if (!ami) {
    throw new InputError(
      'ami-id',
      undefined,
      `mode: test needs the AMI to test: ami-id, or amis with an entry for the region ${config.region}.`,
    );
  }
  return ami;
}
