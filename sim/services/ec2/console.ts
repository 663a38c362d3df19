/**
 * What an instance shows from the outside: GetConsoleOutput and DescribeInstanceStatus. Fault:
 * `"consoleOutput": {"<ami-id>": "text"}` appends the text to the console output of every instance
 * launched from that AMI (what the image's own boot prints, e.g. a service's log lines).
 */
import type {
  DescribeInstanceStatusCommandInput,
  DescribeInstanceStatusCommandOutput,
  GetConsoleOutputCommandInput,
  GetConsoleOutputCommandOutput,
} from '@aws-sdk/client-ec2';
import { paginate } from '../../core/pagination.js';
import { DURATIONS, ms } from '../../core/time.js';
import type { CallContext, Handler } from '../../core/types.js';
import { agentBlocker } from './agent.js';
import { applyFilters } from './filters.js';
import { requireInstances } from './instances.js';
import { currentTransition, instanceState, instanceVisible, runningSince, STATE_CODES } from './lifecycle.js';
import { EC2_PAGING } from './limits.js';
import { regionState } from './region.js';
import type { InstanceRecord } from './state.js';

/** A plausible boot log; its last lines tell whether the SSM agent could register, and why not. */
export function bootLog(ctx: CallContext, inst: InstanceRecord, bootMs: number): string {
  const stamp = (s: number) => `[${s.toFixed(6).padStart(12)}]`;
  const when = (s: number) =>
    new Date(bootMs + s * 1000)
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, '');
  const host = `ip-${inst.PrivateIpAddress.replace(/\./g, '-')}`;
  const lines = [
    `${stamp(0)} Linux version 6.1.112-122.189.amzn2023.${inst.Architecture === 'arm64' ? 'aarch64' : 'x86_64'} (mockbuild@ip-10-0-1-1) #1 SMP`,
    `${stamp(0.01)} Command line: BOOT_IMAGE=(hd0,gpt1)/boot/vmlinuz root=UUID=5e2b0a1c console=tty0 console=ttyS0,115200n8 nvme_core.io_timeout=4294967295`,
    `${stamp(0.42)} nvme nvme0: pci function 0000:00:04.0`,
    `${stamp(1.91)} EXT4-fs (nvme0n1p1): mounted filesystem with ordered data mode.`,
    `${stamp(3.2)} systemd[1]: Detected virtualization amazon.`,
    `${stamp(3.21)} systemd[1]: Set hostname to <${host}.ec2.internal>.`,
    `cloud-init[1612]: Cloud-init v. 22.2.2 running 'init' at ${when(6)}. Up 6.02 seconds.`,
    `cloud-init[1612]: ci-info: +++++++++++++++++++++++++++Net device info++++++++++++++++++++++++++++`,
    `cloud-init[1612]: ci-info: | ens5 | True | ${inst.PrivateIpAddress} | 255.255.240.0 | global | ${inst.MacAddress} |`,
    `cloud-init[2043]: Cloud-init v. 22.2.2 running 'modules:config' at ${when(9)}. Up 9.11 seconds.`,
    `cloud-init[2103]: Cloud-init v. 22.2.2 finished at ${when(12)}. Datasource DataSourceEc2Local.  Up 12.40 seconds`,
  ];
  const blocker = agentBlocker(ctx.sim, ctx.region, inst);
  if (!blocker) {
    lines.push(
      `amazon-ssm-agent[2210]: INFO [Registrar] successfully registered the instance with AWS SSM using Managed instance-id: ${inst.InstanceId}`,
    );
  } else if (blocker.includes('never starts')) {
    lines.push('systemd[1]: amazon-ssm-agent.service: Main process exited, code=exited, status=1/FAILURE');
  } else if (blocker.includes('route')) {
    lines.push(
      `amazon-ssm-agent[2210]: ERROR [Registrar] failed to register: dial tcp: lookup ssm.${ctx.region}.amazonaws.com: i/o timeout`,
    );
  } else {
    lines.push(
      'amazon-ssm-agent[2210]: ERROR [CredentialRefresher] no valid credentials could be retrieved for ec2 identity: AccessDeniedException',
    );
  }
  lines.push(
    '',
    `Amazon Linux 2023`,
    `Kernel 6.1.112 on an ${inst.Architecture === 'arm64' ? 'aarch64' : 'x86_64'} (-)`,
    '',
    `${host} login: `,
  );
  return `${lines.join('\r\n')}\r\n`;
}

/** The boot this log belongs to: the last time the instance entered `running`, if it has. */
function lastBoot(inst: InstanceRecord, nowMs: number): number | undefined {
  const running = inst.transitions.filter((t) => t.state === 'running' && ms(t.at) <= nowMs);
  return running.length ? ms(running[running.length - 1].at) : undefined;
}

export const GetConsoleOutput: Handler<GetConsoleOutputCommandInput, GetConsoleOutputCommandOutput> = (
  input,
  ctx,
) => {
  const r = regionState(ctx.sim, ctx.region);
  const now = ctx.sim.clock.nowMs();
  const [inst] = requireInstances(r, [String(input.InstanceId ?? '')], ctx);
  const boot = lastBoot(inst, now);
  const out = { InstanceId: inst.InstanceId, Timestamp: new Date(now) };
  if (boot === undefined) return out;
  const extra = ctx.sim.faults.consoleOutput?.[inst.ImageId] ?? '';
  return { ...out, Output: Buffer.from(bootLog(ctx, inst, boot) + extra).toString('base64') };
};

function statusOf(inst: InstanceRecord, nowMs: number) {
  const since = runningSince(inst, nowMs);
  if (since === undefined)
    return { Status: 'not-applicable', Details: [] as { Name: string; Status: string }[] };
  const ok = nowMs >= since + DURATIONS.statusChecksSeconds * 1000;
  return {
    Status: ok ? 'ok' : 'initializing',
    Details: [{ Name: 'reachability', Status: ok ? 'passed' : 'initializing' }],
  };
}

export const DescribeInstanceStatus: Handler<
  DescribeInstanceStatusCommandInput,
  DescribeInstanceStatusCommandOutput
> = (input, ctx) => {
  const r = regionState(ctx.sim, ctx.region);
  const now = ctx.sim.clock.nowMs();
  const ids: string[] = input.InstanceIds ?? [];
  const items = (
    ids.length
      ? requireInstances(r, ids, ctx)
      : Object.values(r.instances).filter((i) => instanceVisible(i, now))
  )
    .filter((i) => input.IncludeAllInstances || instanceState(i, now) === 'running')
    .map((i) => {
      const state = currentTransition(i, now).state;
      const status = statusOf(i, now);
      return {
        InstanceId: i.InstanceId,
        AvailabilityZone: i.AvailabilityZone,
        InstanceState: { Code: STATE_CODES[state], Name: state },
        InstanceStatus: status,
        SystemStatus: status,
        AttachedEbsStatus: status,
        Events: [],
      };
    });
  const matched = applyFilters(items as any[], input.Filters, {
    'availability-zone': (s) => s.AvailabilityZone,
    'instance-state-name': (s) => s.InstanceState.Name,
    'instance-state-code': (s) => s.InstanceState.Code,
    'instance-status.status': (s) => s.InstanceStatus.Status,
    'instance-status.reachability': (s) => s.InstanceStatus.Details.map((d: any) => d.Status),
    'system-status.status': (s) => s.SystemStatus.Status,
    'system-status.reachability': (s) => s.SystemStatus.Details.map((d: any) => d.Status),
  });
  const { page, next } = paginate(matched, input, EC2_PAGING.DescribeInstanceStatus);
  return { InstanceStatuses: page, NextToken: next };
};
