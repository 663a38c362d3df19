import * as z from 'zod';
import { amiFields, commandTimeout, commonFields, requireAmi } from './common.js';
import { field } from './fields.js';
import { parseInteger, parseList } from './parse.js';

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

/** Built when its mode runs: the other modes' schemas are never constructed. */
export const testInputs = () =>
  z
    .object({
      ...commonFields({ timeoutSeconds: 1800 }),
      ...amiFields(),
      'instance-type': field.text().optional(),
      'subnet-id': field.text().optional(),
      'security-group-ids': field.list().default([]),
      'instance-profile': field.text().optional(),
      'associate-public-ip': field.boolean().default(false),
      smoke: field.lines().default([]),
      compliance: field.list().default([]),
      'allowed-ports': fromText(parsePorts).default([22]),
      'command-timeout': commandTimeout(),
      'keep-instance-on-failure': field.boolean().default(false),
      'max-base-age': field.duration().optional(),
    })
    .superRefine((inputs, ctx) => {
      requireAmi(inputs, ctx);
      if (inputs.smoke.length === 0 && inputs.compliance.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['smoke'],
          message: 'Give at least one check: smoke commands or script files, and/or compliance profiles.',
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
