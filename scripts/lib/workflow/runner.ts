/**
 * Runs a workflow file's jobs the way GitHub would, as far as this action is concerned: each job as
 * soon as the jobs it needs have ended (jobs that do not need each other run at the same time), with
 * their `if:` conditions, steps in order, `${{ }}` expressions resolved wherever a workflow may hold
 * them (inputs, env, outputs, conditions, environment names; step outputs, job outputs, vars,
 * secrets). Steps of this action run for real through
 * `runStep`; `aws-actions/configure-aws-credentials` sets the region as it would (credentials come
 * from the caller's environment); every other step is listed as not run.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { type Contexts, evaluateCondition, interpolate, type JobStatus } from './expressions.js';

export interface StepRun {
  ok: boolean;
  outputs: Record<string, string>;
  summary: string;
  log: string;
}

export interface WorkflowEvent {
  name: string;
  ref: string;
  /** The event payload (github.event). */
  payload?: Record<string, unknown>;
  /** workflow_dispatch inputs. */
  inputs?: Record<string, string>;
}

export interface WorkflowRunOptions {
  file: string;
  event: WorkflowEvent;
  vars?: Record<string, string>;
  secrets?: Record<string, string>;
  /** Only these jobs (and none of the others, whose outputs then read as empty). */
  jobs?: string[];
  /** Is this `uses:` value this action (e.g. `org/ami-action@v1` or `./`)? */
  isThisAction: (uses: string) => boolean;
  /** Runs one step of this action (main, then post) with its inputs and environment. */
  runStep: (step: {
    job: string;
    id: string;
    inputs: Record<string, string>;
    env: Record<string, string>;
  }) => Promise<StepRun>;
  /** Inputs replaced in every step of this action (e.g. a short poll-interval). */
  inputOverrides?: Record<string, string>;
  log?: (line: string) => void;
}

export type Conclusion = 'success' | 'failure' | 'skipped';

export interface StepRecord {
  job: string;
  /** When the step started and ended (epoch ms), for a timeline of the whole run. */
  startedAt?: number;
  endedAt?: number;
  id: string;
  name: string;
  ran: boolean;
  conclusion: Conclusion;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  summary: string;
  log: string;
}

export interface WorkflowResult {
  jobs: Record<string, { result: Conclusion; outputs: Record<string, string> }>;
  steps: StepRecord[];
}

interface JobSpec {
  name?: string;
  needs?: string | string[];
  if?: unknown;
  env?: Record<string, unknown>;
  environment?: unknown;
  outputs?: Record<string, string>;
  steps?: StepSpec[];
  strategy?: { matrix?: unknown };
  uses?: string;
}

interface StepSpec {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  if?: unknown;
  'continue-on-error'?: unknown;
}

const needsOf = (job: JobSpec): string[] => (job.needs === undefined ? [] : [job.needs].flat());

/** Jobs in an order where each comes after the jobs it needs. */
export function jobOrder(jobs: Record<string, JobSpec>): string[] {
  const order: string[] = [];
  const visit = (name: string, path: string[]) => {
    if (order.includes(name)) return;
    if (path.includes(name))
      throw new Error(`jobs need each other in a cycle: ${[...path, name].join(' -> ')}`);
    if (!jobs[name]) throw new Error(`job '${path.at(-1)}' needs '${name}', which does not exist`);
    for (const need of needsOf(jobs[name])) visit(need, [...path, name]);
    order.push(name);
  };
  for (const name of Object.keys(jobs)) visit(name, []);
  return order;
}

function githubContext(options: WorkflowRunOptions, job: string): Record<string, unknown> {
  const { event } = options;
  return {
    event_name: event.name,
    event: event.payload ?? {},
    ref: event.ref,
    ref_name: event.ref.replace(/^refs\/(heads|tags)\//, ''),
    ref_type: event.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    head_ref: event.name === 'pull_request' ? 'feature' : '',
    sha: '0123456789abcdef0123456789abcdef01234567',
    repository: 'octo-org/app',
    repository_owner: 'octo-org',
    run_id: '4242',
    run_number: '7',
    run_attempt: '1',
    server_url: 'https://github.com',
    workflow: 'example',
    job,
    actor: 'octocat',
  };
}

function interpolateMap(values: Record<string, unknown> | undefined, contexts: Contexts, status: JobStatus) {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values ?? {})) out[key] = interpolate(value, contexts, status);
  return out;
}

export async function runWorkflow(options: WorkflowRunOptions): Promise<WorkflowResult> {
  const log = options.log ?? (() => {});
  const workflow = parseYaml(readFileSync(options.file, 'utf8')) as {
    env?: Record<string, unknown>;
    jobs: Record<string, JobSpec>;
  };
  const result: WorkflowResult = { jobs: {}, steps: [] };
  const base: Contexts = {
    vars: options.vars ?? {},
    secrets: options.secrets ?? {},
    inputs: options.event.inputs ?? {},
    matrix: {},
    runner: { os: 'Linux', arch: 'X64', temp: '/tmp' },
  };

  const ended = new Map<string, Promise<void>>();
  const runJob = async (name: string): Promise<void> => {
    const job = workflow.jobs[name];
    // GitHub starts a job once every job it needs has ended.
    await Promise.all(needsOf(job).map((need) => ended.get(need)));
    const needs = Object.fromEntries(needsOf(job).map((need) => [need, result.jobs[need]]));
    const needResults = Object.values(needs).map((need) => need.result);
    const jobStatus = {
      success: needResults.every((r) => r === 'success'),
      failure: needResults.includes('failure'),
    };
    const jobContexts: Contexts = {
      ...base,
      github: githubContext(options, name),
      needs,
      env: {},
      steps: {},
    };
    const selected = !options.jobs || options.jobs.includes(name);
    if (!selected || !evaluateCondition(job.if, jobContexts, jobStatus)) {
      log(`job ${name}: skipped`);
      result.jobs[name] = { result: 'skipped', outputs: {} };
      return;
    }
    if (job.strategy?.matrix !== undefined || job.uses)
      throw new Error(`job '${name}': matrix and reusable workflows are not supported here`);
    if (job.environment) {
      const environment = interpolate(
        typeof job.environment === 'object' ? (job.environment as { name?: unknown }).name : job.environment,
        jobContexts,
        jobStatus,
      );
      log(`job ${name}: environment "${environment}" (its approval is assumed)`);
    }
    log(`job ${name}`);

    const env: Record<string, string> = {
      ...interpolateMap(workflow.env, jobContexts, jobStatus),
    };
    Object.assign(env, interpolateMap(job.env, { ...jobContexts, env }, jobStatus));
    const steps: Record<
      string,
      { outputs: Record<string, string>; outcome: Conclusion; conclusion: Conclusion }
    > = {};
    const status = { success: true, failure: false };

    for (const [index, step] of (job.steps ?? []).entries()) {
      const id = step.id ?? `__${index}`;
      const contexts: Contexts = { ...jobContexts, env, steps };
      const label = step.name ?? step.id ?? step.uses ?? step.run?.split('\n')[0] ?? `step ${index + 1}`;
      const record: StepRecord = {
        job: name,
        id,
        name: label,
        ran: false,
        conclusion: 'skipped',
        inputs: {},
        outputs: {},
        summary: '',
        log: '',
      };
      result.steps.push(record);
      if (!evaluateCondition(step.if, contexts, status)) {
        log(`  ${label}: skipped (if)`);
        steps[id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
        continue;
      }
      const stepEnv = { ...env, ...interpolateMap(step.env, contexts, status) };
      const inputs = interpolateMap(step.with, { ...contexts, env: stepEnv }, status);
      if (step.uses?.startsWith('aws-actions/configure-aws-credentials')) {
        if (inputs['aws-region'])
          Object.assign(env, { AWS_REGION: inputs['aws-region'], AWS_DEFAULT_REGION: inputs['aws-region'] });
        log(`  ${label}: region ${inputs['aws-region'] ?? '(unchanged)'}; credentials from this environment`);
        steps[id] = { outputs: {}, outcome: 'success', conclusion: 'success' };
        record.conclusion = 'success';
        continue;
      }
      if (!step.uses || !options.isThisAction(step.uses)) {
        log(`  ${label}: not run here (${step.uses ? `uses ${step.uses}` : 'run step'})`);
        steps[id] = { outputs: {}, outcome: 'success', conclusion: 'success' };
        continue;
      }
      Object.assign(inputs, options.inputOverrides);
      record.startedAt = Date.now();
      const run = await options.runStep({ job: name, id, inputs, env: stepEnv });
      record.endedAt = Date.now();
      const continueOnError = interpolate(step['continue-on-error'] ?? 'false', contexts, status) === 'true';
      const outcome: Conclusion = run.ok ? 'success' : 'failure';
      Object.assign(record, {
        ran: true,
        conclusion: run.ok || continueOnError ? 'success' : 'failure',
        inputs,
        outputs: run.outputs,
        summary: run.summary,
        log: run.log,
      });
      steps[id] = { outputs: run.outputs, outcome, conclusion: record.conclusion };
      log(`  ${label}: ${outcome}${continueOnError && !run.ok ? ' (continue-on-error)' : ''}`);
      if (record.conclusion === 'failure') Object.assign(status, { success: false, failure: true });
    }
    const outputs = interpolateMap(job.outputs, { ...jobContexts, env, steps }, status);
    result.jobs[name] = { result: status.failure ? 'failure' : 'success', outputs };
  };
  for (const name of jobOrder(workflow.jobs)) ended.set(name, runJob(name));
  await Promise.all(ended.values());
  return result;
}
