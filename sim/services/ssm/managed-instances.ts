/**
 * Managed instances, derived from the EC2 slice: an EC2 instance is registered once its agent has
 * come Online (see ec2/agent.ts); it reads `ConnectionLost` while stopped or terminated, and
 * disappears when EC2 stops showing it.
 */
import type {
  DescribeInstanceInformationCommandInput,
  DescribeInstanceInformationCommandOutput,
} from '@aws-sdk/client-ssm';
import { paginate } from '../../core/pagination.js';
import { ms } from '../../core/time.js';
import { AwsError, type Handler, type SimulatorApi } from '../../core/types.js';
import { agentBlocker, agentOnline, firstOnlineAt } from '../ec2/agent.js';
import { instanceVisible } from '../ec2/lifecycle.js';
import { regionState } from '../ec2/region.js';
import type { InstanceRecord } from '../ec2/state.js';
import { SSM_PAGING } from './limits.js';

export const AGENT_VERSION = '3.3.987.0';

/** The last moment the agent pinged: now when Online, else when the instance left `running`. */
function lastPing(inst: InstanceRecord, nowMs: number): number {
  let last = nowMs;
  for (let k = 0; k < inst.transitions.length; k++) {
    const t = inst.transitions[k];
    if (t.state === 'running' && ms(t.at) <= nowMs) {
      const next = inst.transitions[k + 1];
      last = next && ms(next.at) <= nowMs ? ms(next.at) : nowMs;
    }
  }
  return last;
}

export interface ManagedInstance {
  InstanceId: string;
  PingStatus: 'Online' | 'ConnectionLost';
  LastPingDateTime: Date;
  AgentVersion: string;
  IsLatestVersion: boolean;
  PlatformType: 'Linux' | 'Windows';
  PlatformName: string;
  PlatformVersion: string;
  ResourceType: 'EC2Instance';
  IPAddress: string;
  ComputerName: string;
  IamRole?: string;
  SourceId: string;
  SourceType: 'AWS::EC2::Instance';
  AssociationStatus: string;
  Tags: { Key: string; Value: string }[];
}

export function managedInstances(sim: SimulatorApi, region: string): ManagedInstance[] {
  const now = sim.clock.nowMs();
  const r = regionState(sim, region);
  const out: ManagedInstance[] = [];
  for (const inst of Object.values(r.instances)) {
    if (!instanceVisible(inst, now) || agentBlocker(sim, region, inst)) continue;
    if (firstOnlineAt(sim, inst, now) === undefined) continue;
    const windows = inst.Platform === 'windows';
    const online = agentOnline(sim, region, inst, now);
    out.push({
      InstanceId: inst.InstanceId,
      PingStatus: online ? 'Online' : 'ConnectionLost',
      LastPingDateTime: new Date(lastPing(inst, now)),
      AgentVersion: AGENT_VERSION,
      IsLatestVersion: true,
      PlatformType: windows ? 'Windows' : 'Linux',
      PlatformName: windows ? 'Microsoft Windows Server 2022 Datacenter' : 'Amazon Linux',
      PlatformVersion: windows ? '10.0.20348' : '2023',
      ResourceType: 'EC2Instance',
      IPAddress: inst.PrivateIpAddress,
      ComputerName: `ip-${inst.PrivateIpAddress.replace(/\./g, '-')}.ec2.internal`,
      IamRole: inst.IamInstanceProfile?.Name,
      SourceId: inst.InstanceId,
      SourceType: 'AWS::EC2::Instance',
      AssociationStatus: 'Success',
      Tags: inst.Tags,
    });
  }
  return out;
}

const FIELDS: Record<string, (m: ManagedInstance) => string | undefined> = {
  InstanceIds: (m) => m.InstanceId,
  AgentVersion: (m) => m.AgentVersion,
  PingStatus: (m) => m.PingStatus,
  PlatformTypes: (m) => m.PlatformType,
  ResourceType: (m) => m.ResourceType,
  IamRole: (m) => m.IamRole,
  AssociationStatus: (m) => m.AssociationStatus,
};

function matches(m: ManagedInstance, key: string, values: string[]): boolean {
  if (key.startsWith('tag:')) {
    const k = key.slice(4);
    return m.Tags.some((t) => t.Key === k && values.includes(t.Value));
  }
  if (key === 'tag-key') return m.Tags.some((t) => values.includes(t.Key));
  const f = FIELDS[key];
  if (!f) throw new AwsError('InvalidInstanceInformationFilterValue', `The filter key ${key} is not valid.`);
  return values.includes(f(m) ?? '');
}

export const DescribeInstanceInformation: Handler<
  DescribeInstanceInformationCommandInput,
  DescribeInstanceInformationCommandOutput
> = (input, ctx) => {
  if (input.InstanceInformationFilterList?.length && input.Filters?.length) {
    throw new AwsError(
      'InvalidFilterKey',
      'InstanceInformationFilterList and Filters cannot be used together.',
    );
  }
  const filters: { key: string; values: string[] }[] = [
    ...(input.InstanceInformationFilterList ?? []).map((f: any) => ({
      key: f.key,
      values: f.valueSet ?? [],
    })),
    ...(input.Filters ?? []).map((f: any) => ({ key: f.Key, values: f.Values ?? [] })),
  ];
  const items = managedInstances(ctx.sim, ctx.region).filter((m) =>
    filters.every((f) => matches(m, f.key, f.values)),
  );
  const { page: pageItems, next: NextToken } = paginate(items, input, SSM_PAGING.DescribeInstanceInformation);
  return { InstanceInformationList: pageItems.map(({ Tags, ...m }) => m), NextToken };
};
