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
