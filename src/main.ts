/**
 * The main and post steps: read the inputs, run the mode, and turn any error into the one
 * core.setFailed of the action, in plain words.
 */
import * as core from '@actions/core';
import { explainError } from './aws/errors.js';
import { handleCancellation } from './cancel.js';
import { readRunContext } from './context.js';
import { readConfig, readMode } from './inputs.js';
import { loadMode } from './modes/index.js';
import { summarizeTimeline } from './report/timeline.js';

const MODE_STATE = 'mode';

export async function runMain(): Promise<void> {
  handleCancellation();
  try {
    const mode = readMode();
    core.saveState(MODE_STATE, mode);
    // The mode's code loads from disk while the inputs are checked (a bad input never waits for it).
    const loading = loadMode(mode);
    loading.catch(() => undefined);
    const config = readConfig(mode);
    const module = await loading;
    await module.run(config, readRunContext());
  } catch (error) {
    core.setFailed(await explainError(error, decodeLazily));
  } finally {
    await writeSummary();
  }
}

export async function runPost(): Promise<void> {
  try {
    const mode = core.getState(MODE_STATE);
    if (!mode) return;
    const module = await loadMode(readMode({ INPUT_MODE: mode }));
    await module.post?.(readRunContext());
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
