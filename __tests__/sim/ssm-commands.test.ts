/** SSM managed instances and Run Command through the real SDK v3 clients. */
import {
  EC2Client,
  RunInstancesCommand,
  type RunInstancesCommandInput,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  CancelCommandCommand,
  DescribeInstanceInformationCommand,
  GetCommandInvocationCommand,
  InvalidInstanceId,
  InvocationDoesNotExist,
  ListCommandInvocationsCommand,
  ListCommandsCommand,
  SendCommandCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { DURATIONS } from '../../sim/core/time.js';
import {
  DEFAULT_BASE_AMI_ID,
  DEFAULT_INSTANCE_PROFILE,
  DEFAULT_WINDOWS_AMI_ID,
  ISOLATED_SUBNET_ID,
  NO_SSM_INSTANCE_PROFILE,
} from '../../sim/services/ec2/scenario.js';
import { useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 1 });
const ec2 = () => new EC2Client({ ...aws.sdkConfig(), maxAttempts: 1 });
const ssm = () => new SSMClient({ ...aws.sdkConfig(), maxAttempts: 1 });

beforeEach(() => aws.reset());

async function launch(extra: Partial<RunInstancesCommandInput> = {}): Promise<string> {
  const out = await ec2().send(
    new RunInstancesCommand({
      ImageId: DEFAULT_BASE_AMI_ID,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      IamInstanceProfile: { Name: DEFAULT_INSTANCE_PROFILE },
      ...extra,
    }),
  );
  return out.Instances![0].InstanceId!;
}

const ONLINE_AFTER = DURATIONS.instancePendingSeconds + DURATIONS.ssmRegistrationSeconds;

async function pingOf(id: string): Promise<string | undefined> {
  const out = await ssm().send(
    new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [id] }] }),
  );
  return out.InstanceInformationList?.[0]?.PingStatus;
}

async function send(id: string, commands: string[], executionTimeout?: string) {
  const out = await ssm().send(
    new SendCommandCommand({
      InstanceIds: [id],
      DocumentName: 'AWS-RunShellScript',
      Parameters: { commands, ...(executionTimeout ? { executionTimeout: [executionTimeout] } : {}) },
      Comment: 'smoke',
    }),
  );
  return out.Command!.CommandId!;
}

describe('agent registration', () => {
  it('comes Online after running + registration, and loses the connection on terminate', async () => {
    const id = await launch();
    await aws.advance(DURATIONS.instancePendingSeconds);
    expect(await pingOf(id)).toBeUndefined();
    await aws.advance(DURATIONS.ssmRegistrationSeconds);
    const info = await ssm().send(
      new DescribeInstanceInformationCommand({
        InstanceInformationFilterList: [{ key: 'InstanceIds', valueSet: [id] }],
      }),
    );
    expect(info.InstanceInformationList![0]).toMatchObject({
      InstanceId: id,
      PingStatus: 'Online',
      PlatformType: 'Linux',
      ResourceType: 'EC2Instance',
    });
    await ec2().send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    expect(await pingOf(id)).toBe('ConnectionLost');
  });

  it('never registers without SSM permissions, without a route, or for ssmNeverOnline AMIs', async () => {
    await aws.setFaults({ ssmNeverOnline: [DEFAULT_WINDOWS_AMI_ID] });
    const noProfile = await launch({ IamInstanceProfile: { Name: NO_SSM_INSTANCE_PROFILE } });
    const isolated = await launch({ SubnetId: ISOLATED_SUBNET_ID });
    const never = await launch({ ImageId: DEFAULT_WINDOWS_AMI_ID });
    const ok = await launch();
    await aws.advance(ONLINE_AFTER * 3);
    const info = await ssm().send(new DescribeInstanceInformationCommand({}));
    // Only this test's instances: the default scenario's Auto Scaling group has its own.
    const mine = [noProfile, isolated, never, ok];
    const ids = info.InstanceInformationList!.map((i) => i.InstanceId).filter((i) => mine.includes(i!));
    expect(ids).toEqual([ok]);
    expect(ids).not.toContain(noProfile);
    expect(ids).not.toContain(isolated);
    expect(ids).not.toContain(never);
  });
});

describe('SendCommand', () => {
  it('rejects instances that are not Online', async () => {
    const id = await launch();
    await expect(send(id, ['echo hi'])).rejects.toBeInstanceOf(InvalidInstanceId);
  });

  it('runs Pending -> InProgress -> Success over simulated time', async () => {
    const id = await launch();
    await aws.advance(ONLINE_AFTER);
    const cmd = await send(id, ['echo hi']);
    await expect(
      ssm().send(new GetCommandInvocationCommand({ CommandId: cmd, InstanceId: id })),
    ).rejects.toBeInstanceOf(InvocationDoesNotExist);
    await aws.advance(DURATIONS.commandInvocationVisibleSeconds);
    const pending = await ssm().send(new GetCommandInvocationCommand({ CommandId: cmd, InstanceId: id }));
    expect(pending).toMatchObject({ Status: 'Pending', ResponseCode: -1, ExecutionStartDateTime: '' });
    await aws.advance(DURATIONS.commandDeliverySeconds);
    const running = await ssm().send(new GetCommandInvocationCommand({ CommandId: cmd, InstanceId: id }));
    expect(running.Status).toBe('InProgress');
    await aws.advance(DURATIONS.commandRunSeconds);
    const done = await ssm().send(new GetCommandInvocationCommand({ CommandId: cmd, InstanceId: id }));
    expect(done).toMatchObject({
      Status: 'Success',
      StatusDetails: 'Success',
      ResponseCode: 0,
      PluginName: 'aws:runShellScript',
      StandardOutputContent: '',
    });
    expect(Date.parse(done.ExecutionStartDateTime!)).not.toBeNaN();
    const list = await ssm().send(new ListCommandsCommand({ CommandId: cmd }));
    expect(list.Commands![0]).toMatchObject({ Status: 'Success', CompletedCount: 1, TargetCount: 1 });
  });

  it('fails commands matching commandFailures, with truncated output', async () => {
    const id = await launch();
    await aws.advance(ONLINE_AFTER);
    await aws.setFaults({
      commandFailures: [
        { pattern: '^systemctl is-active nginx$', exitCode: 3, stderr: 'E'.repeat(9000), stdout: 'inactive' },
      ],
    });
    const cmd = await send(id, ['set -e', 'systemctl is-active nginx']);
    await aws.advance(DURATIONS.commandDeliverySeconds + DURATIONS.commandRunSeconds);
    const out = await ssm().send(new GetCommandInvocationCommand({ CommandId: cmd, InstanceId: id }));
    expect(out).toMatchObject({ Status: 'Failed', ResponseCode: 3, StandardOutputContent: 'inactive' });
    expect(out.StandardErrorContent).toHaveLength(8000);
    const inv = await ssm().send(new ListCommandInvocationsCommand({ CommandId: cmd, Details: true }));
    const plugin = inv.CommandInvocations![0].CommandPlugins![0];
    expect(plugin).toMatchObject({ Status: 'Failed', ResponseCode: 3, Name: 'aws:runShellScript' });
    expect(plugin.Output).toContain('----------ERROR-------');
    const ok = await send(id, ['systemctl is-active nginx --quiet']);
    await aws.advance(DURATIONS.commandDeliverySeconds + DURATIONS.commandRunSeconds);
    expect(
      (await ssm().send(new GetCommandInvocationCommand({ CommandId: ok, InstanceId: id }))).Status,
    ).toBe('Success');
  });

  it('gives commands that succeed the output of the first matching commandOutputs entry', async () => {
    const id = await launch();
    await aws.advance(ONLINE_AFTER);
    await aws.setFaults({
      commandFailures: [{ pattern: 'broken', exitCode: 2, stdout: 'failure wins' }],
      commandOutputs: [
        { pattern: '^cat /etc/motd$', stdout: '::add-mask::x\n::error::owned\n', stderr: 'warning: odd' },
        { pattern: 'motd', stdout: 'second entry' },
        { pattern: 'broken', stdout: 'never used' },
      ],
    });
    const cmd = await send(id, ['set -e', 'cat /etc/motd']);
    await aws.advance(DURATIONS.commandDeliverySeconds + DURATIONS.commandRunSeconds);
    const out = await ssm().send(new GetCommandInvocationCommand({ CommandId: cmd, InstanceId: id }));
    expect(out).toMatchObject({
      Status: 'Success',
      ResponseCode: 0,
      StandardOutputContent: '::add-mask::x\n::error::owned\n',
      StandardErrorContent: 'warning: odd',
    });
    const inv = await ssm().send(new ListCommandInvocationsCommand({ CommandId: cmd, Details: true }));
    const plugin = inv.CommandInvocations![0].CommandPlugins![0];
    expect(plugin).toMatchObject({ Status: 'Success', ResponseCode: 0 });
    expect(plugin.Output).toContain('::error::owned');
    expect(plugin.Output).toContain('warning: odd');

    const failed = await send(id, ['broken']);
    const other = await send(id, ['tail /var/log/motd.log']);
    const silent = await send(id, ['true']);
    await aws.advance(DURATIONS.commandDeliverySeconds + DURATIONS.commandRunSeconds);
    const read = (c: string) => ssm().send(new GetCommandInvocationCommand({ CommandId: c, InstanceId: id }));
    expect(await read(failed)).toMatchObject({ Status: 'Failed', StandardOutputContent: 'failure wins' });
    expect(await read(other)).toMatchObject({ Status: 'Success', StandardOutputContent: 'second entry' });
    expect(await read(silent)).toMatchObject({
      Status: 'Success',
      StandardOutputContent: '',
      StandardErrorContent: '',
    });
  });

  it('times out commands matching commandTimeouts at executionTimeout', async () => {
    const id = await launch();
    await aws.advance(ONLINE_AFTER);
    await aws.setFaults({ commandTimeouts: [{ pattern: 'sleep' }] });
    const cmd = await send(id, ['sleep 999'], '120');
    await aws.advance(DURATIONS.commandDeliverySeconds + 60);
    expect(
      (await ssm().send(new GetCommandInvocationCommand({ CommandId: cmd, InstanceId: id }))).Status,
    ).toBe('InProgress');
    await aws.advance(60);
    const out = await ssm().send(new GetCommandInvocationCommand({ CommandId: cmd, InstanceId: id }));
    expect(out).toMatchObject({ Status: 'TimedOut', StatusDetails: 'ExecutionTimedOut', ResponseCode: -1 });
  });

  it('cancels a running command and caps instance ids at 50', async () => {
    const id = await launch();
    await aws.advance(ONLINE_AFTER);
    const cmd = await send(id, ['echo slow']);
    await ssm().send(new CancelCommandCommand({ CommandId: cmd }));
    await aws.advance(DURATIONS.commandDeliverySeconds + DURATIONS.commandRunSeconds);
    expect(
      (await ssm().send(new GetCommandInvocationCommand({ CommandId: cmd, InstanceId: id }))).Status,
    ).toBe('Cancelled');
    const many = Array.from({ length: 51 }, (_, k) => `i-${k.toString(16).padStart(17, '0')}`);
    await expect(
      ssm().send(
        new SendCommandCommand({
          InstanceIds: many,
          DocumentName: 'AWS-RunShellScript',
          Parameters: { commands: ['x'] },
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('runs PowerShell on Windows instances and refuses shell scripts there', async () => {
    const id = await launch({ ImageId: DEFAULT_WINDOWS_AMI_ID });
    await aws.advance(ONLINE_AFTER);
    expect(
      (await ssm().send(new DescribeInstanceInformationCommand({}))).InstanceInformationList!.find(
        (i) => i.InstanceId === id,
      )?.PlatformType,
    ).toBe('Windows');
    await expect(send(id, ['echo hi'])).rejects.toMatchObject({ name: 'UnsupportedPlatformType' });
    const out = await ssm().send(
      new SendCommandCommand({
        InstanceIds: [id],
        DocumentName: 'AWS-RunPowerShellScript',
        Parameters: { commands: ['Get-Date'] },
      }),
    );
    await aws.advance(DURATIONS.commandDeliverySeconds + DURATIONS.commandRunSeconds);
    const inv = await ssm().send(
      new GetCommandInvocationCommand({ CommandId: out.Command!.CommandId, InstanceId: id }),
    );
    expect(inv).toMatchObject({ Status: 'Success', PluginName: 'aws:runPowerShellScript' });
  });
});
