/**
 * Cancellation as the runner does it: SIGINT, then SIGTERM about 7.5 s later, then the process tree is
 * killed at about 10 s. The main step stops promptly on the first signal; cleanup that cannot finish in
 * that time is the post step's job, from the state the main step saved.
 */
import * as core from '@actions/core';

const controller = new AbortController();

export const cancellation: AbortSignal = controller.signal;

export class CancelledError extends Error {
  constructor(readonly signal: string) {
    super(`The job was cancelled (${signal}); the post step removes what this step created.`);
    this.name = 'CancelledError';
  }
}

/** Installs the SIGINT/SIGTERM handlers; the main step calls it first thing. */
export function handleCancellation(): void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) return;
    core.warning(`Received ${signal}: stopping.`);
    controller.abort(new CancelledError(signal));
    // The runner kills the tree at ~10 s; leave before that so the post step gets to run its cleanup.
    setTimeout(() => process.exit(1), 6_000).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

export function throwIfCancelled(signal: AbortSignal = cancellation): void {
  if (signal.aborted) throw signal.reason;
}
