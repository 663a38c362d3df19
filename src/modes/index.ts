/**
 * The modes. Each is loaded only when it runs, so a step pays start-up time only for the AWS clients
 * its own mode uses.
 */
import type { RunContext } from '../context.js';
import type { ConfigByMode, Mode } from '../inputs.js';
import type { ModeModule } from '../kernel/plan.js';

/** A mode not yet on the kernel: runs itself (removed once every mode plans through the kernel). */
export interface LegacyModeModule<C> {
  run(config: C, context: RunContext): Promise<void>;
  post?(context: RunContext): Promise<void>;
}

export type AnyModeModule<C> = ModeModule<C> | LegacyModeModule<C>;

const loaders: { [M in Mode]: () => Promise<AnyModeModule<ConfigByMode[M]>> } = {
  bake: () => import('./bake/index.js'),
  test: () => import('./image-test/index.js'),
  publish: () => import('./publish/index.js'),
  deploy: () => import('./deploy/index.js'),
  rollback: () => import('./rollback/index.js'),
  cleanup: () => import('./cleanup/index.js'),
};

export function loadMode<M extends Mode>(mode: M): Promise<AnyModeModule<ConfigByMode[M]>> {
  return loaders[mode]();
}
