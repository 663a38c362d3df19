/**
 * npm run demo: the release flow of examples/workflows/release.yml across the simulated organization
 * (bake, test and publish in the tooling account 123456789012; publish also into the workload
 * accounts, each getting its own copy and the SSM parameter; canary deploy to staging in
 * 210987654321, then production in 345678901234), then the manual rollback of
 * examples/workflows/rollback.yml in production. Each step of this action runs for real
 * (dist/index.js, as the runner runs it) against the simulated AWS; the workflow runner assumes the
 * roles the workflows name (configure-aws-credentials against the simulator's STS).
 *
 *   npm run demo -- [--time-scale 0.002]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startSimulator } from '../sim/index.js';
import { runWithPost } from './lib/action-process.js';
import { ENVIRONMENTS, exampleRoles, workloadApps } from './lib/org-seed.js';
import { AccountView } from './lib/org-view.js';
import { simEnv } from './lib/sim-env.js';
import { combinedTimeline, summaryToText } from './lib/summary-text.js';
import { runWorkflow, type WorkflowEvent, type WorkflowResult } from './lib/workflow/runner.js';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { 'time-scale': { type: 'string', default: '0.002' } } });
const timeScale = Number(values['time-scale']);
const PARAMETER = '/ami/demo-app/latest';

const simulator = await startSimulator({ port: 0, timeScale });
const isThisAction = (uses: string) => uses === './' || /^[^/]+\/ami-action@/.test(uses);
const print = (line: string) => console.log(line);

async function seed(scenario: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${simulator.url}/_sim/seed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(scenario),
  });
  if (!res.ok) throw new Error(`seed: ${res.status} ${await res.text()}`);
}

/** An input's value on one line: JSON compacted, other multi-line text quoted. */
function shown(value: string): string {
  try {
    if (/^\s*[{[]/.test(value)) return JSON.stringify(JSON.parse(value));
  } catch {}
  return value.trimEnd().includes('\n') ? JSON.stringify(value.trimEnd()) : value;
}

async function runExample(file: string, event: WorkflowEvent): Promise<WorkflowResult> {
  print(`\n=== ${file} (${event.name} ${event.ref}) ===`);
  const result = await runWorkflow({
    file: resolve(ROOT, 'examples/workflows', file),
    event,
    isThisAction,
    inputOverrides: { 'poll-interval': '200ms' },
    env: simEnv(simulator.url),
    environments: ENVIRONMENTS,
    repository: ROOT,
    log: print,
    runStep: async ({ leg, inputs, evaluated, env }) => {
      const started = Date.now();
      // What the workflow's expressions evaluated to (job outputs, vars of the environment, ...).
      print(`\n--- ${leg}: mode ${inputs.mode} starts`);
      for (const input of evaluated) print(`    ${input}: ${shown(inputs[input])}`);
      const { main, post } = await runWithPost({ inputs, env, timeoutMs: 10 * 60_000 });
      const ok = main.exitCode === 0 && post.exitCode === 0;
      print(
        `\n--- ${leg}: mode ${inputs.mode} ${ok ? 'succeeded' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      const summary = summaryToText(main.summary + post.summary);
      if (summary) print(summary.replace(/^/gm, '    '));
      for (const error of [...main.errors, ...post.errors]) print(`    error: ${error}`);
      return { ok, outputs: main.outputs, summary: main.summary, log: main.log };
    },
  });
  const failed = Object.entries(result.jobs).filter(([, job]) => job.result === 'failure');
  if (failed.length > 0) throw new Error(`${file}: jobs failed: ${failed.map(([name]) => name).join(', ')}`);
  return result;
}

/** Each workload account: the parameter in each region, whose AMI it is, and what demo-app runs. */
async function printAccounts(release: WorkflowResult): Promise<void> {
  const accounts = JSON.parse(release.jobs.publish.outputs.accounts || '{}') as Record<
    string,
    Record<string, string>
  >;
  const environmentOf = Object.fromEntries(
    Object.entries(ENVIRONMENTS).map(([name, environment]) => [environment.vars.DEPLOY_ACCOUNT, name]),
  );
  for (const [account, regions] of Object.entries(accounts)) {
    const view = new AccountView(simulator.url, account);
    print(`  ${account} (${environmentOf[account] ?? 'workload'})`);
    for (const [region, amiId] of Object.entries(regions)) {
      const parameter = await view.parameter(region, PARAMETER);
      const image = await view.image(region, amiId);
      const own = image?.ownerId === account ? 'its own copy' : `owned by ${image?.ownerId}`;
      print(
        `    ${region}: ${PARAMETER} = ${parameter?.value ?? '(missing)'} (v${parameter?.version ?? '-'}), ${amiId}: ${own}${image?.encrypted ? ', encrypted' : ''}`,
      );
    }
    print(`    demo-app in us-east-1 runs ${(await view.groupAmis('us-east-1', 'demo-app')).join(', ')}`);
  }
}

const started = Date.now();
try {
  await seed(exampleRoles());
  await seed(workloadApps());
  const release = await runExample('release.yml', { name: 'push', ref: 'refs/tags/v1.0.0' });
  print('\n=== release.yml: every step on one time axis (test and publish run side by side) ===');
  for (const line of combinedTimeline(
    release.steps
      .filter((step) => step.ran && step.startedAt !== undefined)
      .map((step) => ({
        label: `${step.leg}/${step.inputs.mode}`,
        startedAt: step.startedAt!,
        summary: step.summary,
      })),
  )) {
    print(`  ${line}`);
  }
  print('\n=== release.yml: the workload accounts, as each sees itself ===');
  await printAccounts(release);
  const rollback = await runExample('rollback.yml', {
    name: 'workflow_dispatch',
    ref: 'refs/heads/main',
    inputs: { asg: 'demo-app', environment: 'production' },
  });
  const production = new AccountView(simulator.url, ENVIRONMENTS.production.vars.DEPLOY_ACCOUNT);
  print(
    `\n  after the rollback, demo-app in ${production.account} runs ${(await production.groupAmis('us-east-1', 'demo-app')).join(', ')}`,
  );
  const modes = [...release.steps, ...rollback.steps]
    .filter((step) => step.ran)
    .map((step) => step.inputs.mode);
  print(`\nDemo complete in ${((Date.now() - started) / 1000).toFixed(1)} s: ${modes.join(' -> ')}`);
} catch (error) {
  print(`\nDemo failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await simulator.stop();
}
