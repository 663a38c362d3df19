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

/**
 * dist/ holds one bundle per mode (scripts/build.mjs), each built with `process.env.AMI_ACTION_BUNDLE`
 * replaced by its mode, so the other modes' loaders, and all their code, drop out of it. Run from the
 * sources, the variable is unset and every mode is here.
 */
const loaders: { [M in Mode]?: () => Promise<AnyModeModule<ConfigByMode[M]>> } = {
  bake:
    process.env.AMI_ACTION_BUNDLE === undefined || process.env.AMI_ACTION_BUNDLE === 'bake'
      ? () => import('./bake/index.js')
      : undefined,
  test:
    process.env.AMI_ACTION_BUNDLE === undefined || process.env.AMI_ACTION_BUNDLE === 'test'
      ? () => import('./image-test/index.js')
      : undefined,
  publish:
    process.env.AMI_ACTION_BUNDLE === undefined || process.env.AMI_ACTION_BUNDLE === 'publish'
      ? () => import('./publish/index.js')
      : undefined,
  deploy:
    process.env.AMI_ACTION_BUNDLE === undefined || process.env.AMI_ACTION_BUNDLE === 'deploy'
      ? () => import('./deploy/index.js')
      : undefined,
  rollback:
    process.env.AMI_ACTION_BUNDLE === undefined || process.env.AMI_ACTION_BUNDLE === 'rollback'
      ? () => import('./rollback/index.js')
      : undefined,
  cleanup:
    process.env.AMI_ACTION_BUNDLE === undefined || process.env.AMI_ACTION_BUNDLE === 'cleanup'
      ? () => import('./cleanup/index.js')
      : undefined,
};

export async function loadMode<M extends Mode>(mode: M): Promise<AnyModeModule<ConfigByMode[M]>> {
  const load = loaders[mode] as (() => Promise<AnyModeModule<ConfigByMode[M]>>) | undefined;
  // Only when dist/index.js chose another mode's bundle than the mode asked for: a build fault.
  if (!load) throw new Error(`This bundle (${process.env.AMI_ACTION_BUNDLE}) does not hold mode ${mode}.`);
  return load();
}
