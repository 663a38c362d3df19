/**
 * EC2's `DryRun`: "Checks whether you have the required permissions for the action, without actually
 * making the request, and provides an error response. If you have the required permissions, the error
 * response is DryRunOperation. Otherwise, it is UnauthorizedOperation." The simulator checks the
 * permission as for any call, then runs the handler against throwaway copies of the state slices it
 * touches, so that a request AWS would refuse (an unknown AMI, a bad parameter) answers that error, and
 * one it would accept answers `DryRunOperation` (HTTP 412) with nothing changed.
 */
import { AwsError, type SimulatorApi } from './types.js';

export const DRY_RUN_MESSAGE = 'Request would have succeeded, but DryRun flag is set.';

/** Whether a decoded request is a dry run: EC2's `DryRun` member set to true. */
export function isDryRun(service: string, input: unknown): boolean {
  return service === 'ec2' && (input as { DryRun?: unknown } | undefined)?.DryRun === true;
}

export function dryRunSucceeded(): AwsError {
  return new AwsError('DryRunOperation', DRY_RUN_MESSAGE, 412);
}

/** A view of `sim` whose state slices are copied on first use and never written back. */
export function dryRunView(sim: SimulatorApi): SimulatorApi {
  const copies = new Map<string, unknown>();
  const view: SimulatorApi = {
    get clock() {
      return sim.clock;
    },
    get random() {
      return sim.random;
    },
    get faults() {
      return sim.faults;
    },
    accountId: sim.accountId,
    get defaultAccountId() {
      return sim.defaultAccountId;
    },
    dryRun: true,
    slice<T>(signingName: string): T {
      if (!copies.has(signingName)) copies.set(signingName, structuredClone(sim.slice(signingName)));
      return copies.get(signingName) as T;
    },
    memo: (key, init) => sim.memo(key, init),
    // Its own account is this view (copies); other accounts are reached as they are: read them only.
    account: (id, options) => (id === sim.accountId ? view : sim.account(id, options)),
    accountIds: () => sim.accountIds(),
  };
  return view;
}
