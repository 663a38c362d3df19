/**
 * The main and post steps: read the inputs, run the mode through the kernel, and turn any error into
 * the one core.setFailed of the action, in plain words.
 */
import * as core from '@actions/core';
import { explainError } from './aws/errors.js';
import { handleCancellation } from './cancel.js';
import { readRunContext } from './context.js';
import { MODES, type Mode, readConfig, readMode } from './inputs.js';
import { runMode, runPostStep } from './kernel/run.js';
import { STATE_KEYS } from './kernel/state-keys.js';
import { loadMode } from './modes/index.js';
import { summarizeTimeline } from './report/timeline.js';

export async function runMain(): Promise<void> {
  handleCancellation();
  try {
    const mode = readMode();
    core.saveState(STATE_KEYS.mode, mode);
    // The mode's code loads from disk while the inputs are checked (a bad input never waits for it).
    const loading = loadMode(mode);
    loading.catch(() => undefined);
    const config = readConfig(mode);
    const module = await loading;
    if ('plan' in module) await runMode(mode, module, config, readRunContext());
    else await module.run(config, readRunContext());
  } catch (error) {
    core.setFailed(await explainError(error, decodeLazily));
  } finally {
    await writeSummary();
  }
}

export async function runPost(): Promise<void> {
  try {
    const mode = core.getState(STATE_KEYS.mode);
    if (!mode) return;
    if (!(MODES as readonly string[]).includes(mode)) {
      core.warning(
        `The post step did not act on what the main step saved: state '${STATE_KEYS.mode}' is "${mode.slice(0, 40)}", not a mode. Nothing was undone.`,
      );
      return;
    }
    const module = await loadMode(mode as Mode);
    if ('plan' in module) await runPostStep(mode, module);
    else await module.post?.(readRunContext());
  } catch (error) {
    core.setFailed(`Post-step cleanup failed: ${await explainError(error)}`);
  } finally {
    await writeSummary();
  }
}

async function writeSummary(): Promise<void> {
  summarizeTimeline();
  if (!process.env.GITHUB_STEP_SUMMARY || core.summary.isEmptyBuffer()) return;
  await core.summary
    .write()
    .catch((error: Error) => core.warning(`Could not write the job summary: ${error.message}`));
}

async function decodeLazily(encoded: string): Promise<string | undefined> {
  const { decodeAuthorizationMessage } = await import('./aws/decode-authorization.js');
  return decodeAuthorizationMessage(encoded);
}
