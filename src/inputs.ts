/**
 * Every mode's inputs: one typed, validated config per mode. Defaults live here (and in the per-mode
 * schemas beside it), not in action.yml, because several differ by mode.
 */
import type * as z from 'zod';
import { bakeInputs } from './inputs/bake.js';
import { cleanupInputs } from './inputs/cleanup.js';
import { MODES, type Mode } from './inputs/common.js';
import { deployInputs } from './inputs/deploy.js';
import { InputError } from './inputs/errors.js';
import { publishInputs } from './inputs/publish.js';
import { rawInput, readInputs } from './inputs/read.js';
import { rollbackInputs } from './inputs/rollback.js';
import { testInputs } from './inputs/test.js';

export { MODES, type Mode } from './inputs/common.js';
export { InputError } from './inputs/errors.js';

const schemas = {
  bake: bakeInputs,
  test: testInputs,
  publish: publishInputs,
  deploy: deployInputs,
  rollback: rollbackInputs,
  cleanup: cleanupInputs,
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
  return readInputs(schemas[mode]() as unknown as z.ZodObject<z.ZodRawShape>, env) as ConfigByMode[M];
}
