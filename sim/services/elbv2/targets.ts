/**
 * ELBv2 target groups and their targets (`state.elasticloadbalancing`), and target health derived
 * from the EC2 instance's state at read time: `initial` while the instance starts and for the
 * health checks after it runs, then `healthy` (or `unhealthy` under the `unhealthyNewInstances`
 * fault), `draining` for the deregistration delay after deregistration.
 */
import { createHash } from 'node:crypto';
import { AwsError, type SimulatorApi } from '../../core/types.js';
import { isNewInstance } from '../autoscaling/state.js';
import { instanceState, runningSince } from '../ec2/lifecycle.js';
import { regionState } from '../ec2/state.js';
import { ms } from '../ec2/timing.js';

/** Simulated seconds from `running` to the first healthy check (interval 10 s x healthy threshold 2, plus registration). */
export const INITIAL_HEALTH_SECONDS = 20;
/** Deregistration delay (AWS default 300 s; kept short so a refresh moves on). */
export const DEREGISTRATION_DELAY_SECONDS = 30;

export interface TargetRecord {
  Id: string;
  Port: number;
  registeredAt: string;
  deregisteredAt?: string;
}

export interface TargetGroupRecord {
  TargetGroupArn: string;
  TargetGroupName: string;
  Protocol: string;
  Port: number;
  VpcId: string;
  HealthCheckProtocol: string;
  HealthCheckPort: string;
  HealthCheckEnabled: boolean;
  HealthCheckIntervalSeconds: number;
  HealthCheckTimeoutSeconds: number;
  HealthyThresholdCount: number;
  UnhealthyThresholdCount: number;
  HealthCheckPath: string;
  Matcher: { HttpCode: string };
  LoadBalancerArns: string[];
  TargetType: string;
  ProtocolVersion: string;
  IpAddressType: string;
  targets: TargetRecord[];
}

export interface ElbState {
  regions: Record<string, { targetGroups: Record<string, TargetGroupRecord> }>;
}

export function initElbState(): ElbState {
  return { regions: {} };
}

export function targetGroups(sim: SimulatorApi, region: string): Record<string, TargetGroupRecord> {
  const s = sim.slice<ElbState>('elasticloadbalancing');
  s.regions ??= {};
  s.regions[region] ??= { targetGroups: {} };
  return s.regions[region].targetGroups;
}

function arnOf(sim: SimulatorApi, region: string, name: string): string {
  const h = createHash('sha256').update(`${region}/${name}`).digest('hex').slice(0, 16);
  return `arn:aws:elasticloadbalancing:${region}:${sim.accountId}:targetgroup/${name}/${h}`;
}

export function createTargetGroup(
  sim: SimulatorApi,
  region: string,
  input: {
    Name: string;
    Protocol?: string;
    Port?: number;
    VpcId?: string;
    HealthCheckPath?: string;
    TargetType?: string;
  },
): TargetGroupRecord {
  if (!/^[a-zA-Z0-9-]{1,32}$/.test(input.Name) || input.Name.startsWith('-') || input.Name.endsWith('-')) {
    throw new AwsError('ValidationError', `Target group name '${input.Name}' is not valid`);
  }
  const all = targetGroups(sim, region);
  const existing = Object.values(all).find((t) => t.TargetGroupName === input.Name);
  if (existing) {
    if (existing.Port !== (input.Port ?? 80)) {
      throw new AwsError(
        'DuplicateTargetGroupName',
        'A target group with the same name exists, but with different settings',
      );
    }
    return existing;
  }
  const protocol = input.Protocol ?? 'HTTP';
  const tg: TargetGroupRecord = {
    TargetGroupArn: arnOf(sim, region, input.Name),
    TargetGroupName: input.Name,
    Protocol: protocol,
    Port: input.Port ?? 80,
    VpcId: input.VpcId ?? '',
    HealthCheckProtocol: protocol,
    HealthCheckPort: 'traffic-port',
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: 10,
    HealthCheckTimeoutSeconds: 5,
    HealthyThresholdCount: 2,
    UnhealthyThresholdCount: 2,
    HealthCheckPath: input.HealthCheckPath ?? '/',
    Matcher: { HttpCode: '200' },
    LoadBalancerArns: [],
    TargetType: input.TargetType ?? 'instance',
    ProtocolVersion: 'HTTP1',
    IpAddressType: 'ipv4',
    targets: [],
  };
  all[tg.TargetGroupArn] = tg;
  return tg;
}

export function findTargetGroup(sim: SimulatorApi, region: string, arn: string): TargetGroupRecord {
  const tg = targetGroups(sim, region)[arn];
  if (!tg) throw new AwsError('TargetGroupNotFound', `Target groups '${arn}' not found`);
  return tg;
}

/** Registers (or re-registers) a target at `atIso`. */
export function registerTarget(
  tg: TargetGroupRecord,
  id: string,
  port: number | undefined,
  atIso: string,
): void {
  const live = tg.targets.find((t) => t.Id === id && !t.deregisteredAt);
  if (live) return;
  tg.targets = tg.targets.filter((t) => t.Id !== id);
  tg.targets.push({ Id: id, Port: port ?? tg.Port, registeredAt: atIso });
}

export function deregisterTarget(tg: TargetGroupRecord, id: string, atIso: string): void {
  const t = tg.targets.find((x) => x.Id === id && !x.deregisteredAt);
  if (t) t.deregisteredAt = atIso;
}

export interface TargetHealth {
  State: 'initial' | 'healthy' | 'unhealthy' | 'unused' | 'draining' | 'unavailable';
  Reason?: string;
  Description?: string;
}

/** The target's health at `nowMs`, or undefined once it is gone (deregistered and drained). */
export function targetHealth(
  sim: SimulatorApi,
  region: string,
  t: TargetRecord,
  nowMs: number,
): TargetHealth | undefined {
  if (t.deregisteredAt) {
    if (nowMs >= ms(t.deregisteredAt) + DEREGISTRATION_DELAY_SECONDS * 1000) return undefined;
    return {
      State: 'draining',
      Reason: 'Target.DeregistrationInProgress',
      Description: 'Target deregistration is in progress',
    };
  }
  const inst = regionState(sim, region).instances[t.Id];
  if (!inst) {
    return {
      State: 'unavailable',
      Reason: 'Target.InvalidState',
      Description: 'Target is in an invalid state',
    };
  }
  const state = instanceState(inst, nowMs);
  if (state === 'pending') {
    return {
      State: 'initial',
      Reason: 'Elb.RegistrationInProgress',
      Description: 'Target registration is in progress',
    };
  }
  const since = runningSince(inst, nowMs);
  if (since === undefined) {
    return { State: 'unused', Reason: 'Target.InvalidState', Description: 'Target is in the stopped state' };
  }
  if (nowMs < Math.max(since, ms(t.registeredAt)) + INITIAL_HEALTH_SECONDS * 1000) {
    return {
      State: 'initial',
      Reason: 'Elb.InitialHealthChecking',
      Description: 'Initial health checks in progress',
    };
  }
  if (sim.faults.unhealthyNewInstances && isNewInstance(sim, region, t.Id)) {
    return {
      State: 'unhealthy',
      Reason: 'Target.FailedHealthChecks',
      Description: 'Health checks failed with these codes: [502]',
    };
  }
  return { State: 'healthy' };
}
