import { z } from 'zod';
import { amiFields, commonFields, requireAmi } from './common.js';
import { field } from './fields.js';

export const testInputs = z
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
    'allowed-ports': field.list().default(['22']),
    'command-timeout': field.duration().default(600),
    'keep-instance-on-failure': field.boolean().default(false),
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
    for (const port of inputs['allowed-ports']) {
      if (!/^\d+$/.test(port) || Number(port) > 65535) {
        ctx.addIssue({
          code: 'custom',
          path: ['allowed-ports'],
          message: `"${port}" is not a TCP port number.`,
        });
      }
    }
  });
