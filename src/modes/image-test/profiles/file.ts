/**
 * A compliance profile file (the format: index.ts), parsed and checked against its schema. Loaded
 * only when a profile file is named, so that zod and yaml stay off the start-up of every other run.
 */
import * as z from 'zod';
import { parseYaml } from './yaml.js';

const checkName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._:/-]*$/, 'letters, digits, space and . _ : / -');

const checkSchema = z
  .strictObject({
    /** `id` and `name` are the same thing; either may be used. */
    id: checkName.optional(),
    name: checkName.optional(),
    description: z.string().optional(),
    command: z.string().min(1),
    'expect-exit-code': z.number().int().min(0).max(255).default(0),
    'expect-output': z
      .string()
      .refine((pattern) => {
        try {
          new RegExp(pattern);
          return true;
        } catch {
          return false;
        }
      }, 'a valid regular expression')
      .optional(),
    severity: z.enum(['error', 'warning']).default('error'),
  })
  .refine((check) => (check.id ?? check.name) !== undefined && !(check.id && check.name), {
    message: 'give each check an id (or a name), not both',
  });

const profileSchema = z.strictObject({
  name: z.string().optional(),
  platform: z.enum(['Linux', 'Windows']).optional(),
  checks: z.array(checkSchema).min(1),
});

export function parseProfileFile(text: string) {
  return profileSchema.safeParse(parseYaml(text));
}
