/**
 * Simulated time: how long things take, in SIMULATED seconds, and the helpers that place them on the
 * simulated clock. States are computed lazily from stored timestamps (no timers): an image created at
 * t reads `pending` until t + createImageSeconds. Real time = simulated time x the clock's time scale.
 */
import type { SimulatorApi } from './types.js';

export const DURATIONS = {
  /** CreateImage: pending -> available. */
  createImageSeconds: 300,
  /** CopyImage within a partition: pending -> available (or failed, under the `failCopiesTo` fault). */
  copyImageSeconds: 600,
  /** RegisterImage: pending -> available. */
  registerImageSeconds: 30,
  /** A snapshot made by CreateImage completes a little before its image becomes available. */
  snapshotLeadSeconds: 10,
  /** RunInstances / StartInstances: pending -> running. */
  instancePendingSeconds: 30,
  /** StopInstances: stopping -> stopped. */
  instanceStoppingSeconds: 45,
  /** TerminateInstances: shutting-down -> terminated. */
  instanceShuttingDownSeconds: 60,
  /** How long a terminated instance stays visible in DescribeInstances. */
  terminatedVisibleSeconds: 3600,
  /** DescribeInstanceStatus: checks read `initializing` for this long after running, then `ok`. */
  statusChecksSeconds: 120,
  /** SSM agent registration: PingStatus Online this long after the instance is running. */
  ssmRegistrationSeconds: 60,
  /** SendCommand: an invocation is `InvocationDoesNotExist` for this long after the call. */
  commandInvocationVisibleSeconds: 1,
  /** SendCommand: Pending -> InProgress (delivery to the agent). */
  commandDeliverySeconds: 2,
  /** A command's run: InProgress -> Success / Failed. */
  commandRunSeconds: 5,
  /** PutParameter with DataType aws:ec2:image: the version appears (or is dropped) this long after. */
  parameterImageValidationSeconds: 2,
  /**
   * An image's `lastLaunchedTime` shows a launch this long after it (EC2: "updated within 24 hours");
   * the `lastLaunchedTimeDelaySeconds` fault field replaces it.
   */
  lastLaunchedTimeDelaySeconds: 86400,
  /** CreateImageUsageReport: pending -> available. */
  imageUsageReportSeconds: 60,
} as const;

export type Durations = typeof DURATIONS;

/** ISO timestamp `seconds` simulated seconds after `fromMs`. */
export function isoAfter(fromMs: number, seconds: number): string {
  return new Date(fromMs + seconds * 1000).toISOString();
}

/** Epoch milliseconds of a stored ISO timestamp (NaN when there is none). */
export function ms(iso: string | undefined): number {
  return iso ? Date.parse(iso) : Number.NaN;
}

/** Simulated now, ISO 8601 (how the state stores timestamps). */
export function nowIso(sim: Pick<SimulatorApi, 'clock'>): string {
  return sim.clock.now().toISOString();
}
