/**
 * Whether an instance's SSM agent can register, and when: it needs an instance profile whose role
 * allows SSM, a subnet that reaches the SSM endpoints, and an AMI not listed in the `ssmNeverOnline`
 * fault. It registers `ssmRegistrationSeconds` after the instance last entered `running`.
 */

import { DURATIONS } from '../../core/time.js';
import type { SimulatorApi } from '../../core/types.js';
import { runningSince } from './lifecycle.js';
import { regionState } from './region.js';
import { ec2State, type InstanceRecord } from './state.js';

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
  return since === undefined ? undefined : since + DURATIONS.ssmRegistrationSeconds * 1000;
}

export function agentOnline(sim: SimulatorApi, region: string, inst: InstanceRecord, nowMs: number): boolean {
  const at = agentOnlineAt(sim, region, inst, nowMs);
  return at !== undefined && at <= nowMs;
}
