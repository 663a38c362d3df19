/**
 * Whether an instance's SSM agent can register, and when: it needs an instance profile whose role
 * allows SSM, a subnet that reaches the SSM endpoints, and an AMI not listed in the `ssmNeverOnline`
 * fault. It registers `ssmRegistrationSeconds` after the instance last entered `running`; under the
 * `bootSeconds` fault, instances of that AMI reach Online that many seconds after launch (pending
 * shortened when the boot is shorter than it, the registration delay being the rest).
 */

import { DURATIONS, ms } from '../../core/time.js';
import type { SimulatorApi } from '../../core/types.js';
import { runningSince } from './lifecycle.js';
import { regionState } from './region.js';
import { ec2State, type InstanceRecord } from './state.js';

/** The `bootSeconds` fault for this AMI: launch to SSM Online, in simulated seconds. */
function stagedBootSeconds(sim: SimulatorApi, imageId: string): number | undefined {
  const seconds = sim.faults.bootSeconds?.[imageId];
  return typeof seconds === 'number' ? seconds : undefined;
}

/** Launch (or start) to `running`, for instances of this AMI. */
export function pendingSeconds(sim: SimulatorApi, imageId: string): number {
  return Math.min(
    DURATIONS.instancePendingSeconds,
    stagedBootSeconds(sim, imageId) ?? Number.POSITIVE_INFINITY,
  );
}

/** `running` to SSM Online, for this instance. */
export function registrationSeconds(sim: SimulatorApi, inst: InstanceRecord): number {
  const boot = stagedBootSeconds(sim, inst.ImageId);
  return boot === undefined
    ? DURATIONS.ssmRegistrationSeconds
    : Math.max(0, boot - pendingSeconds(sim, inst.ImageId));
}

/** Why the agent can never register, or undefined when it can. */
export function agentBlocker(sim: SimulatorApi, region: string, inst: InstanceRecord): string | undefined {
  if ((sim.faults.ssmNeverOnline ?? []).includes(inst.ImageId)) {
    return `the SSM agent in ${inst.ImageId} never starts`;
  }
  const profileName = inst.IamInstanceProfile?.Name;
  if (!profileName) return 'the instance has no IAM instance profile';
  if (!ec2State(sim).instanceProfiles[profileName]?.ssm) {
    return `the instance profile ${profileName} lacks SSM permissions (AmazonSSMManagedInstanceCore)`;
  }
  const subnet = regionState(sim, region).subnets[inst.SubnetId];
  if (!subnet?.reachesSsm) return `subnet ${inst.SubnetId} has no route to the SSM endpoints`;
  return undefined;
}

/** Epoch ms at which the agent is (or will be) Online in the current run, or undefined. */
export function agentOnlineAt(
  sim: SimulatorApi,
  region: string,
  inst: InstanceRecord,
  nowMs: number,
): number | undefined {
  if (agentBlocker(sim, region, inst)) return undefined;
  const since = runningSince(inst, nowMs);
  return since === undefined ? undefined : since + registrationSeconds(sim, inst) * 1000;
}

export function agentOnline(sim: SimulatorApi, region: string, inst: InstanceRecord, nowMs: number): boolean {
  const at = agentOnlineAt(sim, region, inst, nowMs);
  return at !== undefined && at <= nowMs;
}

/**
 * When the agent first came Online (by now), if it ever did: the first `running` period long enough
 * for it to register. Blockers are the caller's to check.
 */
export function firstOnlineAt(sim: SimulatorApi, inst: InstanceRecord, nowMs: number): number | undefined {
  const registration = registrationSeconds(sim, inst) * 1000;
  const ts = inst.transitions;
  for (let k = 0; k < ts.length; k++) {
    if (ts[k].state !== 'running') continue;
    const start = ms(ts[k].at);
    const end = Math.min(k + 1 < ts.length ? ms(ts[k + 1].at) : Number.POSITIVE_INFINITY, nowMs);
    if (start + registration <= end) return start + registration;
  }
  return undefined;
}
