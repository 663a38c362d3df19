/**
 * dist/index.js, the runner's entry for the main and the post step. It turns on Node's compile cache
 * and then loads the bundle of the step's mode (dist/chunks/action-<mode>.js), so a step loads only
 * its own mode's code: its inputs' schema, its AWS clients and the SDK shapes of its operations.
 *
 * Compile cache: a job runs the action several times (bake, test, publish...), each a fresh Node
 * process that compiles the same bundle again. Where Node offers `module.enableCompileCache` (22.1+:
 * the runner's Node 24 yes, Node 20 no), V8's compiled code is kept in the job's temporary directory
 * (RUNNER_TEMP, emptied after each job), written when the process exits, so the later steps of the
 * job skip most of the compilation. Node checks every cache entry against the source it compiles and
 * its own version and ignores one that does not match, or that it cannot read; a cache that cannot be
 * used at all costs nothing but the attempt. Nothing here may fail the step: the bundle loads anyway.
 *
 * Kept free of the action's other modules: everything imported here is compiled before the cache is on.
 */
import nodeModule from 'node:module';
import { join } from 'node:path';
import { STATE_KEYS } from './kernel/state-keys.js';
import { MODES } from './modes/names.js';

/** The folder under RUNNER_TEMP that holds the cache (Node adds one folder per Node version in it). */
const COMPILE_CACHE_DIR = 'ami-action-compile-cache';

function enableCompileCache(): void {
  const temp = process.env.RUNNER_TEMP;
  const enable = (nodeModule as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
  if (!temp || typeof enable !== 'function') return;
  try {
    enable(join(temp, COMPILE_CACHE_DIR));
  } catch {
    // A cache that cannot be set up (a file where the folder goes, no space, no permission) only
    // means the step compiles as it would without one.
  }
}

/** The mode whose bundle this step loads: the post step's saved mode, else the `mode` input. */
function bundleOf(env: NodeJS.ProcessEnv): string {
  const mode = env[`STATE_${STATE_KEYS.post}`] ? env[`STATE_${STATE_KEYS.mode}`] : env.INPUT_MODE?.trim();
  // Any other value loads the bundle without a mode, which reports it (an input error, or a post
  // step with nothing to do) as the mode bundles would.
  return (MODES as readonly (string | undefined)[]).includes(mode) ? (mode as string) : 'none';
}

enableCompileCache();
// A computed address: the bundler leaves this import to Node (the bundles are built apart).
await import(new URL(`./chunks/action-${bundleOf(process.env)}.js`, import.meta.url).href);
