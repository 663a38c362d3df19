/**
 * npm run demo: the release flow of examples/workflows/release.yml (bake -> test -> publish -> canary
 * deploy to staging -> deploy to production), then the manual rollback of examples/workflows/rollback.yml,
 * each step of this action run for real (dist/index.js, as the runner runs it) against the simulated AWS.
 *
 *   npm run demo -- [--time-scale 0.002]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startSimulator } from '../sim/index.js';
import { runWithPost } from './lib/action-process.js';
import { simEnv } from './lib/sim-env.js';
import { combinedTimeline, summaryToText } from './lib/summary-text.js';
import { runWorkflow, type StepRecord, type WorkflowEvent } from './lib/workflow/runner.js';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { 'time-scale': { type: 'string', default: '0.002' } } });
const timeScale = Number(values['time-scale']);

const simulator = await startSimulator({ port: 0, timeScale });
const isThisAction = (uses: string) => uses === './' || /^[^/]+\/ami-action@/.test(uses);
const print = (line: string) => console.log(line);

async function runExample(file: string, event: WorkflowEvent): Promise<StepRecord[]> {
  print(`\n=== ${file} (${event.name} ${event.ref}) ===`);
  const result = await runWorkflow({
    file: resolve(ROOT, 'examples/workflows', file),
    event,
    isThisAction,
    inputOverrides: { 'poll-interval': '1s' },
    log: print,
    runStep: async ({ inputs, env }) => {
      const started = Date.now();
      const { main, post } = await runWithPost({
        inputs,
        env: { ...simEnv(simulator.url), ...env, GITHUB_WORKSPACE: ROOT },
        timeoutMs: 10 * 60_000,
      });
      const ok = main.exitCode === 0 && post.exitCode === 0;
      print(
        `\n--- mode ${inputs.mode}: ${ok ? 'succeeded' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      const summary = summaryToText(main.summary + post.summary);
      if (summary) print(summary.replace(/^/gm, '    '));
      for (const error of [...main.errors, ...post.errors]) print(`    error: ${error}`);
      return { ok, outputs: main.outputs, summary: main.summary, log: main.log };
    },
  });
  const failed = Object.entries(result.jobs).filter(([, job]) => job.result === 'failure');
  if (failed.length > 0) throw new Error(`${file}: jobs failed: ${failed.map(([name]) => name).join(', ')}`);
  return result.steps;
}

const started = Date.now();
try {
  const release = await runExample('release.yml', { name: 'push', ref: 'refs/tags/v1.0.0' });
  print('\n=== release.yml: every step on one time axis (test and publish run side by side) ===');
  for (const line of combinedTimeline(
    release
      .filter((step) => step.ran && step.startedAt !== undefined)
      .map((step) => ({
        label: `${step.job}/${step.inputs.mode}`,
        startedAt: step.startedAt!,
        summary: step.summary,
      })),
  )) {
    print(`  ${line}`);
  }
  const rollback = await runExample('rollback.yml', {
    name: 'workflow_dispatch',
    ref: 'refs/heads/main',
    inputs: { asg: 'demo-app', environment: 'production' },
  });
  const modes = [...release, ...rollback].filter((step) => step.ran).map((step) => step.inputs.mode);
  print(`\nDemo complete in ${((Date.now() - started) / 1000).toFixed(1)} s: ${modes.join(' -> ')}`);
} catch (error) {
  print(`\nDemo failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await simulator.stop();
}
