/**
 * What the workflow run tells every step through the environment. Read from `GITHUB_*` directly
 * rather than through @actions/github, whose octokit costs start-up time and is not needed here.
 */
import { tmpdir } from 'node:os';

export interface RunContext {
  /** owner/name, when known. */
  repository?: string;
  commit?: string;
  runId?: string;
  runAttempt: string;
  job?: string;
  workflow?: string;
  /** Link to the workflow run, for provenance tags and messages. */
  runUrl?: string;
  /** Where the checked-out repository is (relative paths in inputs resolve here). */
  workspace: string;
  /** A directory for this job's temporary files (reports, Packer logs). */
  tempDir: string;
}

export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  const repository = env.GITHUB_REPOSITORY || undefined;
  const runId = env.GITHUB_RUN_ID || undefined;
  return {
    repository,
    commit: env.GITHUB_SHA || undefined,
    runId,
    runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
    job: env.GITHUB_JOB || undefined,
    workflow: env.GITHUB_WORKFLOW || undefined,
    runUrl: repository && runId ? `${server}/${repository}/actions/runs/${runId}` : undefined,
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    tempDir: env.RUNNER_TEMP || tmpdir(),
  };
}

/**
 * The value of the `ami-action:run-id` tag: identifies this workflow run (and attempt) so the post
 * step, later steps and cleanup can find what it created. Outside Actions, a local run id.
 */
export function runTag(context: RunContext): string {
  return context.runId ? `${context.runId}-${context.runAttempt}` : `local-${process.pid}-${Date.now()}`;
}
