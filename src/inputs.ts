/**
 * Every mode's inputs: one typed, validated config per mode. Defaults live here (and in the per-mode
 * schemas beside it), not in action.yml, because several differ by mode.
 */

import { bakeInputs } from './inputs/bake.js';
import { cleanupInputs } from './inputs/cleanup.js';
import { MODES, type Mode } from './inputs/common.js';
import { deployInputs } from './inputs/deploy.js';
import { InputError } from './inputs/errors.js';
import { publishInputs } from './inputs/publish.js';
import { rawInput, readInputs } from './inputs/read.js';
import { rollbackInputs } from './inputs/rollback.js';
import type * as z from './inputs/schema.js';
import { testInputs } from './inputs/test.js';

export { MODES, type Mode } from './inputs/common.js';
export { InputError } from './inputs/errors.js';

/**
 * Each bundle of dist/ holds only its own mode's schema (see src/modes/index.ts). The conditions are
 * spelled out, not put behind a helper: esbuild folds `process.env.AMI_ACTION_BUNDLE === '<mode>'`
 * to a constant only where it is written, and drops the other modes' schemas only then.
 */
const schemas = {
  bake:
    process.env.AMI_ACTION_BUNDLE === undefined || process.env.AMI_ACTION_BUNDLE === 'bake'
      ? bakeInputs
      : undefined,
  test:
    process.env.AMI_ACTION_BUNDLE === undefined || process.env.AMI_ACTION_BUNDLE === 'test'
      ? testInputs
      : undefined,
  publish:
    process.env.AMI_ACTION_BUNDLE === undefined || process.env.AMI_ACTION_BUNDLE === 'publish'
      ? publishInputs
      : undefined,
  deploy:
    process.env.AMI_ACTION_BUNDLE === undefined || process.env.AMI_ACTION_BUNDLE === 'deploy'
      ? deployInputs
      : undefined,
  rollback:
    process.env.AMI_ACTION_BUNDLE === undefined || process.env.AMI_ACTION_BUNDLE === 'rollback'
      ? rollbackInputs
      : undefined,
  cleanup:
    process.env.AMI_ACTION_BUNDLE === undefined || process.env.AMI_ACTION_BUNDLE === 'cleanup'
      ? cleanupInputs
      : undefined,
};

export type BakeConfig = ReturnType<typeof readInputs<ReturnType<typeof bakeInputs>['shape']>>;
export type TestConfig = ReturnType<typeof readInputs<ReturnType<typeof testInputs>['shape']>>;
export type PublishConfig = ReturnType<typeof readInputs<ReturnType<typeof publishInputs>['shape']>>;
export type DeployConfig = ReturnType<typeof readInputs<ReturnType<typeof deployInputs>['shape']>>;
export type RollbackConfig = ReturnType<typeof readInputs<ReturnType<typeof rollbackInputs>['shape']>>;
export type CleanupConfig = ReturnType<typeof readInputs<ReturnType<typeof cleanupInputs>['shape']>>;

export interface ConfigByMode {
  bake: BakeConfig;
  test: TestConfig;
  publish: PublishConfig;
  deploy: DeployConfig;
  rollback: RollbackConfig;
  cleanup: CleanupConfig;
}

export function readMode(env: NodeJS.ProcessEnv = process.env): Mode {
  const mode = rawInput('mode', env);
  if (!mode || !(MODES as readonly string[]).includes(mode)) {
    throw new InputError('mode', mode, `Use one of: ${MODES.join(', ')}.`);
  }
  return mode as Mode;
}

export function readConfig<M extends Mode>(mode: M, env: NodeJS.ProcessEnv = process.env): ConfigByMode[M] {
  // Each mode's schema has its own shape; the union of them is wider than TypeScript can check here.
  const schema = schemas[mode];
  if (!schema) throw new Error(`This bundle (${process.env.AMI_ACTION_BUNDLE}) does not hold mode ${mode}.`);
  return readInputs(schema() as unknown as z.ObjectSchema<z.Shape>, env) as ConfigByMode[M];
}
