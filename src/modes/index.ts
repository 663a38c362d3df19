/**
 * The modes. Each is loaded only when it runs, so a step pays start-up time only for the AWS clients
 * its own mode uses.
 */
import type { RunContext } from '../context.js';
import type { ConfigByMode, Mode } from '../inputs.js';

export interface ModeModule<M extends Mode = Mode> {
  /** The main step. */
  run(config: ConfigByMode[M], context: RunContext): Promise<void>;
  /** The post step: removes what the main step left behind, from the state it saved. */
  post?(context: RunContext): Promise<void>;
}

const loaders: { [M in Mode]: () => Promise<ModeModule<M>> } = {
  bake: () => import('./bake/index.js'),
  test: () => import('./test/index.js'),
  publish: () => import('./publish/index.js'),
  deploy: () => import('./deploy/index.js'),
  rollback: () => import('./rollback/index.js'),
  cleanup: () => import('./cleanup/index.js'),
};

export function loadMode<M extends Mode>(mode: M): Promise<ModeModule<M>> {
  return loaders[mode]();
}
