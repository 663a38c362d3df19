/**
 * A `run:` step as the GitHub runner runs it on Linux: the script (its expressions already
 * evaluated) written to a file and run by the step's shell (`bash -e {0}` when none is named,
 * `bash --noprofile --norc -eo pipefail {0}` for `shell: bash`, `sh -e {0}` for `shell: sh`, or a
 * command with `{0}`), in the workspace (or `working-directory`), with the step's environment and the
 * runner's file commands: GITHUB_OUTPUT (the step's outputs), GITHUB_ENV (variables of the later
 * steps), GITHUB_PATH and GITHUB_STEP_SUMMARY. `::error::` and the other workflow commands in its
 * output are read as the runner reads them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseFileCommands } from '../action-process.js';
import { interpretWorkflowCommands } from '../workflow-commands.js';

export interface ShellStepResult {
  ok: boolean;
  outputs: Record<string, string>;
  /** GITHUB_ENV: variables for the job's later steps. */
  env: Record<string, string>;
  /** GITHUB_PATH: directories to put first on the later steps' PATH. */
  path: string[];
  summary: string;
  log: string;
  errors: string[];
}

function shellCommand(shell: string | undefined, script: string): [string, string[]] {
  switch (shell ?? '') {
    case '':
      return ['bash', ['-e', script]];
    case 'bash':
      return ['bash', ['--noprofile', '--norc', '-eo', 'pipefail', script]];
    case 'sh':
      return ['sh', ['-e', script]];
    default: {
      const [command, ...args] = shell!.trim().split(/\s+/);
      if (!args.includes('{0}')) args.push('{0}');
      return [command, args.map((arg) => (arg === '{0}' ? script : arg))];
    }
  }
}

export async function runShell(options: {
  script: string;
  shell?: string;
  workingDirectory?: string;
  workspace: string;
  /** The runner temp directory of the job (file commands and the script go here). */
  temp: string;
  env: Record<string, string>;
  timeoutMs?: number;
}): Promise<ShellStepResult> {
  const dir = mkdtempSync(join(options.temp, 'step-'));
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_ENV: join(dir, 'env'),
    GITHUB_PATH: join(dir, 'path'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_STATE: join(dir, 'state'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const script = join(dir, 'script.sh');
  writeFileSync(script, options.script);
  const [command, args] = shellCommand(options.shell, script);
  const child = spawn(command, args, {
    cwd: resolve(options.workspace, options.workingDirectory ?? '.'),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env, ...files },
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
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 360 * 60_000);
  const exitCode = await new Promise<number | null>((done) => {
    child.on('error', (error) => {
      log += `${error.message}\n`;
      done(127);
    });
    child.on('close', (code) => done(code));
  });
  clearTimeout(timer);
  const commands = interpretWorkflowCommands(stdout);
  const errors = commands.annotations.filter((a) => a.kind === 'error').map((a) => a.message);
  if (exitCode !== 0) errors.push(`Process completed with exit code ${exitCode}.`);
  return {
    ok: exitCode === 0,
    outputs: { ...commands.outputs, ...parseFileCommands(readFileSync(files.GITHUB_OUTPUT, 'utf8')) },
    env: parseFileCommands(readFileSync(files.GITHUB_ENV, 'utf8')),
    path: readFileSync(files.GITHUB_PATH, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== ''),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    log,
    errors,
  };
}
