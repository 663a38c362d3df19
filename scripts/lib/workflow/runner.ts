/**
 * Runs a workflow file's jobs the way GitHub would, as far as this action is concerned:
 * - each job once the jobs it needs have ended (jobs that do not need each other run at the same
 *   time), with its `if:`, and `failure()` true when any ancestor job failed;
 * - a job's `strategy.matrix` (also from `fromJSON(needs.<job>.outputs.<x>)`, with include/exclude)
 *   expanded into one job per combination, `max-parallel` of them at a time, `fail-fast` (default
 *   true) cancelling the combinations not finished when one fails; `needs.<job>.result` aggregated as
 *   GitHub does (failure, else cancelled, else success) and outputs merged (a later combination's
 *   non-empty value wins);
 * - `${{ }}` expressions wherever a workflow may hold them: workflow and job `env`, job `name`,
 *   `runs-on`, `environment` (a name or {name, url}), `timeout-minutes`, `continue-on-error`,
 *   `strategy`, `outputs`, `if`; step `name`, `if`, `with`, `env`, `run`, `shell`,
 *   `working-directory`, `timeout-minutes`, `continue-on-error` — with the contexts GitHub offers there
 *   (github, inputs with their defaults and types, vars (an environment's over the repository's),
 *   secrets, needs, matrix, strategy, env, steps, job, runner);
 * - steps: this action's through `runStep` (the caller runs dist/index.js); `run:` steps in bash with
 *   the runner's file commands (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH); emulated:
 *   aws-actions/configure-aws-credentials (STS against AWS_ENDPOINT_URL, see aws-credentials.ts),
 *   actions/upload-artifact@v4 and actions/download-artifact@v4 (artifacts.ts), actions/checkout (the
 *   `repository` option's files, linked into the job's workspace); any other action is listed as not
 *   run. Each job has its own workspace and temp directory under one directory of the run.
 * Its log names each step's job (jobs that run side by side interleave their lines).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ArtifactStore } from './artifacts.js';
import { configureAwsCredentials } from './aws-credentials.js';
import {
  type Contexts,
  evaluateCondition,
  evaluateValue,
  interpolate,
  type JobStatus,
} from './expressions.js';
import { type Combination, expandMatrix, legName } from './matrix.js';
import { runShell } from './shell.js';

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
  /** workflow_dispatch inputs (the workflow's defaults fill the rest). */
  inputs?: Record<string, string>;
}

export interface Environment {
  vars?: Record<string, string>;
  secrets?: Record<string, string>;
}

export interface WorkflowRunOptions {
  file: string;
  event: WorkflowEvent;
  vars?: Record<string, string>;
  secrets?: Record<string, string>;
  /** Deployment environments by name: their variables and secrets win over the repository's in jobs that name them. */
  environments?: Record<string, Environment>;
  /** Only these jobs (and none of the others, whose outputs then read as empty). */
  jobs?: string[];
  /** Is this `uses:` value this action (e.g. `org/ami-action@v1` or `./`)? */
  isThisAction: (uses: string) => boolean;
  /** Runs one step of this action (main, then post) with its inputs and environment. */
  runStep: (step: {
    job: string;
    /** The job's name as GitHub shows it (a matrix combination's included). */
    leg: string;
    id: string;
    inputs: Record<string, string>;
    /** The inputs whose value the workflow writes with a `${{ }}` expression (`inputs` holds them evaluated). */
    evaluated: string[];
    env: Record<string, string>;
  }) => Promise<StepRun>;
  /** Inputs replaced in every step of this action (e.g. a short poll-interval). */
  inputOverrides?: Record<string, string>;
  /**
   * The runner machine's environment, under every step's: e.g. simEnv(url), the AWS endpoint and the
   * credentials a job has before configure-aws-credentials.
   */
  env?: Record<string, string>;
  /** The repository actions/checkout puts into a job's workspace; without it the workspace stays empty. */
  repository?: string;
  /** Keep the run's directory (workspaces, artifacts) rather than removing it at the end. */
  keepRunDir?: boolean;
  log?: (line: string) => void;
}

export type Conclusion = 'success' | 'failure' | 'skipped' | 'cancelled';

export interface StepRecord {
  job: string;
  /** The job's name as GitHub shows it (`publish (2)` for a matrix combination). */
  leg: string;
  matrix: Combination;
  /** When the step started and ended (epoch ms), for a timeline of the whole run. */
  startedAt?: number;
  endedAt?: number;
  id: string;
  name: string;
  /** action: this action (runStep); run: a shell step; emulated: an action emulated here; listed: not run. */
  kind: 'action' | 'run' | 'emulated' | 'listed';
  /** A step of this action that ran. */
  ran: boolean;
  conclusion: Conclusion;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  summary: string;
  log: string;
}

export interface LegRecord {
  name: string;
  matrix: Combination;
  result: Conclusion;
  outputs: Record<string, string>;
  environment?: { name: string; url?: string };
  runsOn?: unknown;
  timeoutMinutes?: number;
  /** Why the job failed before its steps (a bad matrix, an expression that does not evaluate). */
  error?: string;
}

export interface JobRecord {
  result: Conclusion;
  outputs: Record<string, string>;
  /** One per matrix combination (one for a job without a matrix). */
  legs: LegRecord[];
}

export interface WorkflowResult {
  jobs: Record<string, JobRecord>;
  steps: StepRecord[];
  /** Names of the artifacts the run uploaded. */
  artifacts: string[];
}

interface JobSpec {
  name?: string;
  needs?: string | string[];
  if?: unknown;
  env?: Record<string, unknown>;
  environment?: unknown;
  outputs?: Record<string, string>;
  steps?: StepSpec[];
  strategy?: unknown;
  permissions?: unknown;
  defaults?: { run?: { shell?: string; 'working-directory'?: string } };
  'runs-on'?: unknown;
  'timeout-minutes'?: unknown;
  'continue-on-error'?: unknown;
  uses?: string;
}

interface StepSpec {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  'working-directory'?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  if?: unknown;
  'continue-on-error'?: unknown;
  'timeout-minutes'?: unknown;
}

interface WorkflowSpec {
  name?: string;
  on?: unknown;
  env?: Record<string, unknown>;
  permissions?: unknown;
  defaults?: JobSpec['defaults'];
  jobs: Record<string, JobSpec>;
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

/** Every job `name` needs, directly or through the jobs it needs. */
function ancestorsOf(jobs: Record<string, JobSpec>, name: string): string[] {
  const seen = new Set<string>();
  const visit = (job: string) => {
    for (const need of needsOf(jobs[job])) if (!seen.has(need)) seen.add(need) && visit(need);
  };
  visit(name);
  return [...seen];
}

function githubContext(options: WorkflowRunOptions, workflow: WorkflowSpec, job: string) {
  const { event } = options;
  return {
    event_name: event.name,
    event: { ...(event.payload ?? {}), ...(event.inputs ? { inputs: event.inputs } : {}) },
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
    workflow: workflow.name ?? 'example',
    job,
    actor: 'octocat',
  };
}

/** The environment variables the runner gives every step from the github context. */
function githubEnv(github: ReturnType<typeof githubContext>, dirs: { workspace: string; temp: string }) {
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: github.event_name,
    GITHUB_REF: github.ref,
    GITHUB_REF_NAME: github.ref_name,
    GITHUB_REF_TYPE: github.ref_type,
    GITHUB_SHA: github.sha,
    GITHUB_REPOSITORY: github.repository,
    GITHUB_REPOSITORY_OWNER: github.repository_owner,
    GITHUB_RUN_ID: github.run_id,
    GITHUB_RUN_NUMBER: github.run_number,
    GITHUB_RUN_ATTEMPT: github.run_attempt,
    GITHUB_SERVER_URL: github.server_url,
    GITHUB_WORKFLOW: github.workflow,
    GITHUB_JOB: github.job,
    GITHUB_ACTOR: github.actor,
    GITHUB_WORKSPACE: dirs.workspace,
    RUNNER_TEMP: dirs.temp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
  };
}

/** workflow_dispatch / workflow_call inputs: the event's, else the defaults, typed as the workflow declares. */
function inputsOf(workflow: WorkflowSpec, event: WorkflowEvent): Record<string, unknown> {
  const on = workflow.on;
  const trigger =
    on && typeof on === 'object' && !Array.isArray(on)
      ? ((on as Record<string, { inputs?: Record<string, Record<string, unknown>> } | null>)[event.name] ??
        {})
      : {};
  const declared = trigger?.inputs ?? {};
  const inputs: Record<string, unknown> = { ...(event.inputs ?? {}) };
  for (const [name, spec] of Object.entries(declared)) {
    const given = event.inputs?.[name];
    if (given === undefined && spec?.required === true && spec.default === undefined)
      throw new Error(`input '${name}' is required`);
    const text = given ?? (spec?.default === undefined ? '' : String(spec.default));
    if (spec?.type === 'boolean') inputs[name] = text === 'true';
    else if (spec?.type === 'number') inputs[name] = text === '' ? '' : Number(text);
    else inputs[name] = text;
  }
  return inputs;
}

function grantsIdToken(permissions: unknown): boolean {
  if (permissions === 'write-all') return true;
  return (
    !!permissions &&
    typeof permissions === 'object' &&
    (permissions as Record<string, unknown>)['id-token'] === 'write'
  );
}

const asBoolean = (value: unknown) => value === true || value === 'true';

function textMap(values: Record<string, unknown> | undefined, contexts: Contexts, status: JobStatus) {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values ?? {})) out[key] = interpolate(value, contexts, status);
  return out;
}

/** Links the repository's top-level entries (not .git) into a workspace: what actions/checkout gives. */
function checkout(repository: string, workspace: string): number {
  let linked = 0;
  for (const entry of readdirSync(repository)) {
    if (entry === '.git') continue;
    try {
      symlinkSync(join(repository, entry), join(workspace, entry));
      linked++;
    } catch {
      // Already there (a second checkout).
    }
  }
  return linked;
}

type StepContext = { outputs: Record<string, string>; outcome: Conclusion; conclusion: Conclusion };

export async function runWorkflow(options: WorkflowRunOptions): Promise<WorkflowResult> {
  const log = options.log ?? (() => {});
  const workflow = parseYaml(readFileSync(options.file, 'utf8')) as WorkflowSpec;
  const runDir = mkdtempSync(join(tmpdir(), 'workflow-run-'));
  const artifacts = new ArtifactStore(
    join(runDir, 'artifacts'),
    'https://github.com/octo-org/app/actions/runs/4242',
  );
  const result: WorkflowResult = { jobs: {}, steps: [], artifacts: [] };
  const inputs = inputsOf(workflow, options.event);
  const runnerEnv = options.env ?? {};
  let legDirs = 0;

  const runLeg = async (
    name: string,
    job: JobSpec,
    jobContexts: Contexts,
    combination: Combination,
    strategy: Record<string, unknown>,
    cancelled: () => boolean,
  ): Promise<LegRecord> => {
    const status: JobStatus = { success: true, failure: false };
    const legStatus = () => ({ ...status, cancelled: cancelled() });
    const contexts: Contexts = { ...jobContexts, matrix: combination, strategy };
    const hasMatrix = Object.keys(combination).length > 0;
    const leg: LegRecord = { name, matrix: combination, result: 'success', outputs: {} };
    try {
      const title = job.name === undefined ? name : interpolate(job.name, contexts, status);
      leg.name = hasMatrix && !/\bmatrix\./.test(job.name ?? '') ? legName(title, combination) : title;
      leg.runsOn = evaluateValue(job['runs-on'], contexts, status);
      if (job['timeout-minutes'] !== undefined)
        leg.timeoutMinutes = Number(evaluateValue(job['timeout-minutes'], contexts, status));
      if (job.environment) {
        const spec =
          typeof job.environment === 'object'
            ? (job.environment as { name?: unknown })
            : { name: job.environment };
        leg.environment = { name: interpolate(spec.name, contexts, status) };
        log(`job ${leg.name}: environment "${leg.environment.name}" (its approval is assumed)`);
        const environment = options.environments?.[leg.environment.name];
        contexts.vars = { ...(contexts.vars as object), ...environment?.vars };
        contexts.secrets = { ...(contexts.secrets as object), ...environment?.secrets };
      }
    } catch (error) {
      leg.result = 'failure';
      leg.error = (error as Error).message;
      log(`job ${leg.name}: ${leg.error}`);
      return leg;
    }
    log(`job ${leg.name}`);
    const index = legDirs++;
    const dirs = { workspace: join(runDir, `${index}`, 'workspace'), temp: join(runDir, `${index}`, 'temp') };
    for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
    const github = contexts.github as ReturnType<typeof githubContext>;
    Object.assign(contexts, {
      runner: {
        os: 'Linux',
        arch: 'X64',
        name: `runner-${index}`,
        temp: dirs.temp,
        environment: 'github-hosted',
      },
      job: { status: 'success' },
    });

    // The workflow's env, then the job's; GITHUB_ENV adds to it for the later steps.
    const env: Record<string, string> = textMap(workflow.env, contexts, status);
    Object.assign(env, textMap(job.env, { ...contexts, env }, status));
    const machineEnv = { ...runnerEnv, ...githubEnv(github, dirs) };
    const paths: string[] = [];
    const steps: Record<string, StepContext> = {};
    const idToken = grantsIdToken(job.permissions ?? workflow.permissions);
    const defaults = { ...workflow.defaults?.run, ...job.defaults?.run };

    for (const [i, step] of (job.steps ?? []).entries()) {
      const id = step.id ?? `__${i}`;
      const stepContexts: Contexts = {
        ...contexts,
        env,
        steps,
        job: { status: legStatus().cancelled ? 'cancelled' : status.failure ? 'failure' : 'success' },
      };
      let label = step.name ?? step.uses ?? step.run?.split('\n')[0] ?? `step ${i + 1}`;
      const record: StepRecord = {
        job: name,
        leg: leg.name,
        matrix: combination,
        id,
        name: label,
        kind:
          step.uses && options.isThisAction(step.uses) ? 'action' : step.run !== undefined ? 'run' : 'listed',
        ran: false,
        conclusion: 'skipped',
        inputs: {},
        outputs: {},
        summary: '',
        log: '',
      };
      result.steps.push(record);
      const finish = (
        ok: boolean,
        outputs: Record<string, string>,
        text: string,
        continueOnError: boolean,
      ) => {
        const outcome: Conclusion = ok ? 'success' : 'failure';
        record.conclusion = ok || continueOnError ? 'success' : 'failure';
        record.outputs = outputs;
        record.log = text;
        steps[id] = { outputs, outcome, conclusion: record.conclusion };
        if (record.conclusion === 'failure') Object.assign(status, { success: false, failure: true });
        log(`  ${leg.name} | ${label}: ${outcome}${continueOnError && !ok ? ' (continue-on-error)' : ''}`);
        if (!ok) for (const line of text.trim().split('\n').slice(-5)) if (line) log(`    ${line}`);
      };
      let continueOnError = false;
      let stepEnv: Record<string, string>;
      let withInputs: Record<string, string>;
      try {
        if (step.name !== undefined) label = interpolate(step.name, stepContexts, legStatus());
        record.name = label;
        if (!evaluateCondition(step.if, stepContexts, legStatus())) {
          log(`  ${leg.name} | ${label}: skipped (if${legStatus().cancelled ? ', cancelled' : ''})`);
          steps[id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
          continue;
        }
        continueOnError = asBoolean(evaluateValue(step['continue-on-error'] ?? false, stepContexts, status));
        stepEnv = { ...env, ...textMap(step.env, stepContexts, status) };
        withInputs = textMap(step.with, { ...stepContexts, env: stepEnv }, status);
      } catch (error) {
        finish(false, {}, `The step's expressions do not evaluate: ${(error as Error).message}`, false);
        continue;
      }
      const processEnv = {
        ...machineEnv,
        ...stepEnv,
        ...(paths.length > 0 ? { PATH: [...paths, runnerEnv.PATH ?? process.env.PATH].join(':') } : {}),
      };
      record.inputs = withInputs;
      record.startedAt = Date.now();
      const uses = step.uses ?? '';
      if (record.kind === 'action') {
        Object.assign(withInputs, options.inputOverrides);
        const evaluated = Object.entries(step.with ?? {})
          .filter(([, value]) => typeof value === 'string' && value.includes('${{'))
          .map(([input]) => input);
        const run = await options.runStep({
          job: name,
          leg: leg.name,
          id,
          inputs: withInputs,
          evaluated,
          env: processEnv,
        });
        record.endedAt = Date.now();
        Object.assign(record, { ran: true, summary: run.summary });
        finish(run.ok, run.outputs, run.log, continueOnError);
      } else if (record.kind === 'run') {
        const evaluate = (value: unknown) =>
          value === undefined ? undefined : interpolate(value, { ...stepContexts, env: stepEnv }, status);
        const minutes = Number(evaluate(step['timeout-minutes']) ?? 0);
        const shell = await runShell({
          script: interpolate(step.run, { ...stepContexts, env: stepEnv }, status),
          shell: evaluate(step.shell ?? defaults.shell),
          workingDirectory: evaluate(step['working-directory'] ?? defaults['working-directory']),
          workspace: dirs.workspace,
          temp: dirs.temp,
          env: processEnv,
          timeoutMs: minutes > 0 ? minutes * 60_000 : undefined,
        });
        record.endedAt = Date.now();
        record.summary = shell.summary;
        Object.assign(env, shell.env);
        paths.unshift(...shell.path);
        finish(shell.ok, shell.outputs, [shell.log, ...shell.errors].join('\n'), continueOnError);
      } else if (uses.startsWith('aws-actions/configure-aws-credentials@')) {
        record.kind = 'emulated';
        const configured = await configureAwsCredentials({
          inputs: withInputs,
          env: processEnv,
          idToken,
          github: { ...github, workflow: github.workflow },
        });
        record.endedAt = Date.now();
        Object.assign(env, configured.env);
        finish(configured.ok, configured.outputs, configured.log, continueOnError);
        if (configured.ok) log(`    ${configured.log}`);
      } else if (/^actions\/(upload|download)-artifact@v4/.test(uses)) {
        record.kind = 'emulated';
        const done = uses.startsWith('actions/upload-artifact@')
          ? artifacts.upload(withInputs, dirs.workspace)
          : artifacts.download(withInputs, dirs.workspace);
        record.endedAt = Date.now();
        finish(done.ok, done.outputs, done.log, continueOnError);
      } else if (uses.startsWith('actions/checkout@')) {
        record.kind = 'emulated';
        const linked = options.repository ? checkout(options.repository, dirs.workspace) : 0;
        record.endedAt = Date.now();
        finish(true, {}, `${linked} entries of the repository linked into the workspace`, false);
      } else {
        record.conclusion = 'success';
        steps[id] = { outputs: {}, outcome: 'success', conclusion: 'success' };
        log(`  ${leg.name} | ${label}: not run here (uses ${uses})`);
      }
    }
    const endContexts = { ...contexts, env, steps };
    try {
      leg.outputs = textMap(job.outputs, endContexts, status);
      if (leg.environment && typeof job.environment === 'object') {
        const url = (job.environment as { url?: unknown }).url;
        if (url !== undefined) leg.environment.url = interpolate(url, endContexts, status);
      }
    } catch (error) {
      leg.error = (error as Error).message;
      Object.assign(status, { success: false, failure: true });
    }
    leg.result = cancelled() && !status.failure ? 'cancelled' : status.failure ? 'failure' : 'success';
    return leg;
  };

  const ended = new Map<string, Promise<void>>();
  const runJob = async (name: string): Promise<void> => {
    const job = workflow.jobs[name];
    // GitHub starts a job once every job it needs has ended.
    await Promise.all(needsOf(job).map((need) => ended.get(need)));
    const needs = Object.fromEntries(
      needsOf(job).map((need) => [
        need,
        { result: result.jobs[need].result, outputs: result.jobs[need].outputs },
      ]),
    );
    const jobStatus: JobStatus = {
      success: Object.values(needs).every((need) => need.result === 'success'),
      failure: ancestorsOf(workflow.jobs, name).some(
        (ancestor) => result.jobs[ancestor].result === 'failure',
      ),
    };
    const github = githubContext(options, workflow, name);
    const jobContexts: Contexts = {
      github,
      inputs,
      vars: options.vars ?? {},
      secrets: options.secrets ?? {},
      needs,
      matrix: {},
      strategy: {},
    };
    const skipped = (why: string) => {
      log(`job ${name}: skipped${why}`);
      result.jobs[name] = { result: 'skipped', outputs: {}, legs: [] };
    };
    if (options.jobs && !options.jobs.includes(name)) return skipped(' (not selected)');
    if (job.uses) throw new Error(`job '${name}': reusable workflows are not supported here`);
    let combinations: Combination[] = [{}];
    let strategy: Record<string, unknown> = {};
    try {
      if (!evaluateCondition(job.if, jobContexts, jobStatus)) return skipped('');
      strategy = (evaluateValue(job.strategy ?? {}, jobContexts, jobStatus) ?? {}) as Record<string, unknown>;
      if (strategy.matrix !== undefined) combinations = expandMatrix(strategy.matrix);
    } catch (error) {
      const message = `job ${name}: ${(error as Error).message}`;
      log(message);
      result.jobs[name] = {
        result: 'failure',
        outputs: {},
        legs: [{ name, matrix: {}, result: 'failure', outputs: {}, error: (error as Error).message }],
      };
      return;
    }
    const failFast = strategy['fail-fast'] === undefined || asBoolean(strategy['fail-fast']);
    const maxParallel = Math.max(1, Number(strategy['max-parallel']) || combinations.length);
    const legs: LegRecord[] = [];
    const completed: LegRecord[] = [];
    let stop = false;
    let next = 0;
    const worker = async () => {
      while (next < combinations.length) {
        const index = next++;
        const combination = combinations[index];
        if (stop) {
          legs[index] = {
            name: legName(name, combination),
            matrix: combination,
            result: 'cancelled',
            outputs: {},
          };
          log(`job ${legs[index].name}: cancelled (fail-fast)`);
          continue;
        }
        const legStrategy = {
          'fail-fast': failFast,
          'job-index': index,
          'job-total': combinations.length,
          'max-parallel': maxParallel,
        };
        const leg = await runLeg(name, job, jobContexts, combination, legStrategy, () => stop);
        const continueOnError = asBoolean(
          evaluateValue(
            job['continue-on-error'] ?? false,
            { ...jobContexts, matrix: combination },
            jobStatus,
          ),
        );
        if (leg.result === 'failure' && continueOnError) leg.result = 'success';
        legs[index] = leg;
        completed.push(leg);
        if (leg.result === 'failure' && failFast && combinations.length > 1) stop = true;
      }
    };
    await Promise.all(Array.from({ length: Math.min(maxParallel, combinations.length) }, worker));
    const results = legs.map((leg) => leg.result);
    const outputs: Record<string, string> = {};
    for (const leg of completed)
      for (const [key, value] of Object.entries(leg.outputs))
        if (value !== '' || !(key in outputs)) outputs[key] = value;
    result.jobs[name] = {
      result: results.includes('failure')
        ? 'failure'
        : results.includes('cancelled')
          ? 'cancelled'
          : 'success',
      outputs,
      legs,
    };
    if (combinations.length > 1)
      log(`job ${name}: ${result.jobs[name].result} (${legs.length} jobs of the matrix)`);
  };
  try {
    for (const name of jobOrder(workflow.jobs)) ended.set(name, runJob(name));
    await Promise.all(ended.values());
  } finally {
    result.artifacts = artifacts.names();
    if (!options.keepRunDir) rmSync(runDir, { recursive: true, force: true });
  }
  return result;
}
