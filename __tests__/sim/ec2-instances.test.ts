/** EC2 instances and networking through the real SDK v3 client. */
import {
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DescribeInstanceStatusCommand,
  DescribeInstancesCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetConsoleOutputCommand,
  paginateDescribeInstances,
  RunInstancesCommand,
  type RunInstancesCommandInput,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { DURATIONS } from '../../sim/core/time.js';
import {
  DEFAULT_ARM64_AMI_ID,
  DEFAULT_BASE_AMI_ID,
  DEFAULT_INSTANCE_PROFILE,
  ISOLATED_SUBNET_ID,
} from '../../sim/services/ec2/scenario.js';
import { useSimulator } from '../helpers/sim.js';

// Many RunInstances in a burst, to check validation: the RunInstances token bucket (5) would throttle them.
const aws = useSimulator({ timeScale: 1, rateLimits: false });
const ec2 = () => new EC2Client({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 });

beforeEach(() => aws.reset());

const base: RunInstancesCommandInput = {
  ImageId: DEFAULT_BASE_AMI_ID,
  InstanceType: 't3.micro',
  MinCount: 1,
  MaxCount: 1,
  IamInstanceProfile: { Name: DEFAULT_INSTANCE_PROFILE },
};

async function stateOf(id: string): Promise<string | undefined> {
  const { Reservations } = await ec2().send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  return Reservations![0].Instances![0].State!.Name;
}

describe('RunInstances', () => {
  it('launches in the default subnet, pending then running, with IMDSv2 from the AMI and tags', async () => {
    const out = await ec2().send(
      new RunInstancesCommand({
        ...base,
        TagSpecifications: [
          { ResourceType: 'instance', Tags: [{ Key: 'ami-action:run-id', Value: '7' }] },
          { ResourceType: 'volume', Tags: [{ Key: 'ami-action:run-id', Value: '7' }] },
        ],
      }),
    );
    const inst = out.Instances![0];
    expect(inst).toMatchObject({ State: { Name: 'pending', Code: 0 }, ImageId: DEFAULT_BASE_AMI_ID });
    expect(inst.InstanceId).toMatch(/^i-[0-9a-f]{17}$/);
    expect(inst.MetadataOptions?.HttpTokens).toBe('required');
    expect(inst.IamInstanceProfile?.Arn).toBe(
      `arn:aws:iam::123456789012:instance-profile/${DEFAULT_INSTANCE_PROFILE}`,
    );
    const vpcs = await ec2().send(
      new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
    );
    expect(inst.VpcId).toBe(vpcs.Vpcs![0].VpcId);
    await aws.advance(DURATIONS.instancePendingSeconds);
    expect(await stateOf(inst.InstanceId!)).toBe('running');
    const vols = await ec2().send(
      new DescribeVolumesCommand({
        Filters: [{ Name: 'attachment.instance-id', Values: [inst.InstanceId!] }],
      }),
    );
    expect(vols.Volumes![0]).toMatchObject({
      State: 'in-use',
      Size: 8,
      Tags: [{ Key: 'ami-action:run-id', Value: '7' }],
    });
  });

  it('returns the same reservation for a repeated ClientToken', async () => {
    const a = await ec2().send(new RunInstancesCommand({ ...base, ClientToken: 'tok-1' }));
    const b = await ec2().send(new RunInstancesCommand({ ...base, ClientToken: 'tok-1' }));
    expect(b.ReservationId).toBe(a.ReservationId);
    expect(b.Instances![0].InstanceId).toBe(a.Instances![0].InstanceId);
    // Filtered: the default scenario's Auto Scaling group has instances of its own.
    const { Reservations } = await ec2().send(
      new DescribeInstancesCommand({ Filters: [{ Name: 'client-token', Values: ['tok-1'] }] }),
    );
    expect(Reservations).toHaveLength(1);
  });

  it('validates the instance profile, architecture, subnet and key pair', async () => {
    await expect(
      ec2().send(new RunInstancesCommand({ ...base, IamInstanceProfile: { Name: 'nope' } })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: expect.stringContaining('iamInstanceProfile.name'),
    });
    await expect(
      ec2().send(new RunInstancesCommand({ ...base, ImageId: DEFAULT_ARM64_AMI_ID })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: expect.stringContaining('architecture'),
    });
    await ec2().send(
      new RunInstancesCommand({ ...base, ImageId: DEFAULT_ARM64_AMI_ID, InstanceType: 't4g.micro' }),
    );
    await expect(
      ec2().send(new RunInstancesCommand({ ...base, SubnetId: 'subnet-00000000000000000' })),
    ).rejects.toMatchObject({
      name: 'InvalidSubnetID.NotFound',
    });
    await expect(ec2().send(new RunInstancesCommand({ ...base, KeyName: 'missing' }))).rejects.toMatchObject({
      name: 'InvalidKeyPair.NotFound',
    });
    await expect(
      ec2().send(new RunInstancesCommand({ ...base, ImageId: 'ami-00000000000000000' })),
    ).rejects.toMatchObject({
      name: 'InvalidAMIID.NotFound',
    });
  });

  it('hides new instances for notFoundAfterCreateSeconds', async () => {
    await aws.setFaults({ notFoundAfterCreateSeconds: 10 });
    const { Instances } = await ec2().send(new RunInstancesCommand(base));
    await expect(stateOf(Instances![0].InstanceId!)).rejects.toMatchObject({
      name: 'InvalidInstanceID.NotFound',
    });
    await aws.advance(11);
    expect(await stateOf(Instances![0].InstanceId!)).toBe('pending');
  });
});

describe('instance lifecycle', () => {
  it('stops, starts and terminates over simulated time', async () => {
    const id = (await ec2().send(new RunInstancesCommand(base))).Instances![0].InstanceId!;
    await expect(ec2().send(new StopInstancesCommand({ InstanceIds: [id] }))).rejects.toMatchObject({
      name: 'IncorrectInstanceState',
    });
    await aws.advance(DURATIONS.instancePendingSeconds);
    const stop = await ec2().send(new StopInstancesCommand({ InstanceIds: [id] }));
    expect(stop.StoppingInstances![0]).toMatchObject({
      PreviousState: { Name: 'running' },
      CurrentState: { Name: 'stopping' },
    });
    await aws.advance(DURATIONS.instanceStoppingSeconds);
    const { Reservations } = await ec2().send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    const stopped = Reservations![0].Instances![0];
    expect(stopped.State?.Name).toBe('stopped');
    expect(stopped.StateTransitionReason).toMatch(/^User initiated \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT\)$/);
    expect(stopped.StateReason?.Code).toBe('Client.UserInitiatedShutdown');
    await ec2().send(new StartInstancesCommand({ InstanceIds: [id] }));
    expect(await stateOf(id)).toBe('pending');
    await aws.advance(DURATIONS.instancePendingSeconds);
    const term = await ec2().send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    expect(term.TerminatingInstances![0].CurrentState?.Name).toBe('shutting-down');
    await aws.advance(DURATIONS.instanceShuttingDownSeconds);
    expect(await stateOf(id)).toBe('terminated');
    const vols = await ec2().send(
      new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [id] }] }),
    );
    expect(vols.Volumes).toEqual([]);
    await aws.advance(DURATIONS.terminatedVisibleSeconds);
    await expect(stateOf(id)).rejects.toMatchObject({ name: 'InvalidInstanceID.NotFound' });
  });

  it('filters and pages instances, reports status checks and console output', async () => {
    await ec2().send(new RunInstancesCommand({ ...base, MinCount: 7, MaxCount: 7 }));
    const other = await ec2().send(new RunInstancesCommand({ ...base, SubnetId: ISOLATED_SUBNET_ID }));
    const ids: string[] = [];
    for await (const page of paginateDescribeInstances(
      { client: ec2(), pageSize: 5 },
      { Filters: [{ Name: 'instance-state-name', Values: ['pending'] }] },
    )) {
      for (const r of page.Reservations ?? []) ids.push(...r.Instances!.map((i) => i.InstanceId!));
    }
    expect(ids).toHaveLength(8);
    const inSubnet = await ec2().send(
      new DescribeInstancesCommand({ Filters: [{ Name: 'subnet-id', Values: [ISOLATED_SUBNET_ID] }] }),
    );
    expect(inSubnet.Reservations!.flatMap((r) => r.Instances!).map((i) => i.InstanceId)).toEqual([
      other.Instances![0].InstanceId,
    ]);
    const otherId = other.Instances![0].InstanceId!;
    expect((await ec2().send(new GetConsoleOutputCommand({ InstanceId: otherId }))).Output).toBeUndefined();
    await aws.advance(DURATIONS.instancePendingSeconds);
    const status = await ec2().send(new DescribeInstanceStatusCommand({ InstanceIds: [otherId] }));
    expect(status.InstanceStatuses![0].InstanceStatus?.Status).toBe('initializing');
    await aws.advance(DURATIONS.statusChecksSeconds);
    const ok = await ec2().send(new DescribeInstanceStatusCommand({ InstanceIds: [otherId] }));
    expect(ok.InstanceStatuses![0].InstanceStatus?.Status).toBe('ok');
    const log = await ec2().send(new GetConsoleOutputCommand({ InstanceId: otherId, Latest: true }));
    const text = Buffer.from(log.Output!, 'base64').toString();
    expect(text).toContain('Cloud-init');
    expect(text).toContain('failed to register');
  });
});

describe('consoleOutput fault', () => {
  it("appends the AMI's text to the console output of each instance launched from it, only that AMI's", async () => {
    const hostile = '::set-output name=result::passed\n##[error]owned\n';
    await aws.setFaults({ consoleOutput: { [DEFAULT_BASE_AMI_ID]: hostile } });
    const ids = (
      await ec2().send(new RunInstancesCommand({ ...base, MinCount: 2, MaxCount: 2 }))
    ).Instances!.map((i) => i.InstanceId!);
    const arm = await ec2().send(
      new RunInstancesCommand({ ...base, ImageId: DEFAULT_ARM64_AMI_ID, InstanceType: 't4g.micro' }),
    );
    // Nothing before the first boot, as without the fault.
    expect((await ec2().send(new GetConsoleOutputCommand({ InstanceId: ids[0] }))).Output).toBeUndefined();
    await aws.advance(DURATIONS.instancePendingSeconds);
    const text = async (id: string) =>
      Buffer.from(
        (await ec2().send(new GetConsoleOutputCommand({ InstanceId: id, Latest: true }))).Output!,
        'base64',
      ).toString();
    for (const id of ids) {
      const log = await text(id);
      expect(log).toContain('Cloud-init');
      expect(log.endsWith(`login: \r\n${hostile}`)).toBe(true);
    }
    expect(await text(arm.Instances![0].InstanceId!)).not.toContain('owned');
  });
});

describe('network', () => {
  it('has default subnets per zone plus an isolated one', async () => {
    const { Subnets } = await ec2().send(new DescribeSubnetsCommand({}));
    expect(Subnets!.filter((s) => s.DefaultForAz).map((s) => s.AvailabilityZone)).toEqual([
      'us-east-1a',
      'us-east-1b',
      'us-east-1c',
    ]);
    expect(Subnets!.some((s) => s.SubnetId === ISOLATED_SUBNET_ID)).toBe(true);
  });

  it('creates key pairs and security groups; refuses deleting a group in use', async () => {
    const key = await ec2().send(new CreateKeyPairCommand({ KeyName: 'k1' }));
    expect(key.KeyMaterial).toContain('BEGIN RSA PRIVATE KEY');
    await expect(ec2().send(new CreateKeyPairCommand({ KeyName: 'k1' }))).rejects.toMatchObject({
      name: 'InvalidKeyPair.Duplicate',
    });
    const { GroupId } = await ec2().send(
      new CreateSecurityGroupCommand({ GroupName: 'g1', Description: 'test' }),
    );
    const run = await ec2().send(
      new RunInstancesCommand({ ...base, SecurityGroupIds: [GroupId!], KeyName: 'k1' }),
    );
    await expect(ec2().send(new DeleteSecurityGroupCommand({ GroupId }))).rejects.toMatchObject({
      name: 'DependencyViolation',
    });
    await ec2().send(new TerminateInstancesCommand({ InstanceIds: [run.Instances![0].InstanceId!] }));
    await aws.advance(DURATIONS.instanceShuttingDownSeconds);
    await ec2().send(new DeleteSecurityGroupCommand({ GroupId }));
  });
});
