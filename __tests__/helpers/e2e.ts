/**
 * End-to-end runs of the built action against the in-process simulated AWS, as the runner does it:
 *
 *   const aws = useSimulator({ timeScale: 0.001 });
 *   beforeEach(() => aws.reset());
 *   const run = await runAgainst(aws, { inputs: { mode: 'test', 'ami-id': DEFAULT_BASE_AMI_ID } });
 *   expect(run.exitCode).toBe(0);
 */

import { simEnv as endpointEnv } from '../../scripts/lib/sim-env.js';
import { type ActionRun, type RunOptions, runAction, runWithPost } from './action.js';
import type { SimHandle } from './sim.js';

/** The environment that points the real SDK clients inside dist/index.js at this simulator. */
export const simEnv = (aws: SimHandle, region = 'us-east-1') => endpointEnv(aws.url, region);

function withSim(aws: SimHandle, options: RunOptions): RunOptions {
  return {
    ...options,
    inputs: { 'poll-interval': '1s', ...options.inputs },
    env: { ...simEnv(aws), ...options.env },
  };
}

/** The main step only. */
export function runAgainst(aws: SimHandle, options: RunOptions = {}): Promise<ActionRun> {
  return runAction(withSim(aws, options));
}

/** The main step, then the post step with the state the main step saved. */
export function runWithPostAgainst(
  aws: SimHandle,
  options: RunOptions = {},
): Promise<{ main: ActionRun; post: ActionRun }> {
  return runWithPost(withSim(aws, options));
}

/** What the main step left open in its undo journal (the state the post step acts on). */
export function openUndo(state: Record<string, string>): { kind: string; [field: string]: unknown }[] {
  return state.journal ? (JSON.parse(state.journal) as { entries: { kind: string }[] }).entries : [];
}

/**
 * The calls that change something: not a read (Describe, Get, List), an EC2 permission check
 * (DryRun), nor AssumeRole (it opens a session for the caller and changes nothing in the account).
 */
export function mutatingCalls(calls: { operation: string; dryRun?: boolean }[]): string[] {
  return calls
    .filter((c) => !/^(Describe|Get|List|AssumeRole$)/.test(c.operation) && !c.dryRun)
    .map((c) => c.operation);
}

export { timelineOf } from '../../scripts/lib/summary-text.js';
