import { AutoScalingClient, CreateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import {
  CreateImageCommand,
  CreateLaunchTemplateCommand,
  CreateTagsCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  EC2Client,
  EnableImageDeregistrationProtectionCommand,
  ModifyImageAttributeCommand,
  RegisterImageCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { beforeEach, expect, it } from 'vitest';
import { stableId } from '../../sim/services/ec2/ids.js';
import { runAgainst } from '../helpers/e2e.js';
import { type SimHandle, useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 0.001 });
beforeEach(() => aws.reset());

const EAST = 'us-east-1';
const WEST = 'eu-west-1';
const ami = (region: string, name: string) => stableId('ami', region, name);
const snapOf = (region: string, id: string) => stableId('snap', region, id);

async function until<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let tries = 0; tries < 500; tries++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never: ${what}`);
}

async function seed(handle: SimHandle) {
  const { accountId } = await handle.state();
  const image = (region: string, name: string, creationDate = '2026-01-01T00:00:00.000Z') => ({
    region,
    imageId: ami(region, name),
    name,
    ownerId: accountId,
    public: false,
    creationDate,
  });
  await handle.seed({
    ec2: {
      images: [
        ...['svc-1', 'svc-2', 'svc-3', 'svc-4', 'svc-5', 'svc-6', 'svc-7'].map((n) => image(EAST, n)),
        image(WEST, 'svc-eu-1'),
        image(WEST, 'svc-eu-2', new Date().toISOString()),
      ],
    },
  });
}

it('keeps protected, shared, running, SSM-history and mixed-instances-group AMIs, young ones; removes the rest and orphan snapshots, in two regions', async () => {
  await seed(aws);
  const east = new EC2Client(aws.sdkConfig(EAST));
  const west = new EC2Client(aws.sdkConfig(WEST));
  await east.send(new EnableImageDeregistrationProtectionCommand({ ImageId: ami(EAST, 'svc-1') }));
  await east.send(
    new ModifyImageAttributeCommand({
      ImageId: ami(EAST, 'svc-2'),
      LaunchPermission: { Add: [{ UserId: '111122223333' }] },
    }),
  );
  const { Instances = [] } = await east.send(
    new RunInstancesCommand({
      ImageId: ami(EAST, 'svc-3'),
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
    }),
  );
  const instanceId = Instances[0].InstanceId ?? '';
  const ssm = new SSMClient(aws.sdkConfig(EAST));
  for (const [i, name] of ['svc-4', 'svc-5'].entries()) {
    await ssm.send(
      new PutParameterCommand({ Name: '/svc/ami', Value: ami(EAST, name), Type: 'String', Overwrite: i > 0 }),
    );
  }
  await east.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: 'svc-lt',
      LaunchTemplateData: { ImageId: ami(EAST, 'svc-6') },
    }),
  );
  await new AutoScalingClient(aws.sdkConfig(EAST)).send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: 'svc-mixed',
      MixedInstancesPolicy: {
        LaunchTemplate: {
          LaunchTemplateSpecification: { LaunchTemplateName: 'svc-lt', Version: '$Latest' },
          Overrides: [{ InstanceType: 't3.micro' }, { InstanceType: 't3a.micro' }],
        },
      },
      MinSize: 0,
      MaxSize: 1,
      DesiredCapacity: 0,
    }),
  );

  // An orphan: a snapshot an earlier bake made (tagged by the action) whose AMI was deregistered alone.
  await until('instance running', async () => {
    const { Reservations } = await east.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    return Reservations?.[0]?.Instances?.[0]?.State?.Name === 'running' ? true : undefined;
  });
  const { ImageId: bakedId } = await east.send(
    new CreateImageCommand({
      InstanceId: instanceId,
      Name: 'tmp-bake',
      TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: 'ami-action:run-id', Value: '41-1' }] }],
    }),
  );
  const baked = await until('baked image available', async () => {
    const { Images } = await east
      .send(new DescribeImagesCommand({ Filters: [{ Name: 'image-id', Values: [bakedId ?? ''] }] }))
      .catch(() => ({ Images: [] }));
    return Images?.[0]?.State === 'available' ? Images[0] : undefined;
  });
  const orphanId = baked.BlockDeviceMappings?.[0]?.Ebs?.SnapshotId ?? '';
  await east.send(new DeregisterImageCommand({ ImageId: bakedId }));

  // In eu-west-1 another AMI (outside the selection) uses svc-eu-1's snapshot.
  await west.send(
    new RegisterImageCommand({
      Name: 'base-copy',
      RootDeviceName: '/dev/xvda',
      BlockDeviceMappings: [
        { DeviceName: '/dev/xvda', Ebs: { SnapshotId: snapOf(WEST, ami(WEST, 'svc-eu-1')) } },
      ],
    }),
  );

  const run = await runAgainst(aws, {
    inputs: {
      mode: 'cleanup',
      'name-prefix': 'svc-',
      regions: `${EAST}, ${WEST}`,
      'keep-latest': '0',
      'older-than': '30d',
      'orphan-snapshots': 'true',
      'ssm-parameters': '/svc/ami',
      'dry-run': 'false',
    },
  });
  expect(run.exitCode, run.log).toBe(0);

  const kept = JSON.parse(run.outputs.kept) as { region: string; name: string; reasons: string[] }[];
  const why = Object.fromEntries(kept.map((k) => [k.name, k.reasons.join(' | ')]));
  expect(Object.keys(why).sort()).toEqual(['svc-1', 'svc-2', 'svc-3', 'svc-4', 'svc-5', 'svc-6', 'svc-eu-2']);
  expect(why['svc-1']).toMatch(/deregistration protection is on/);
  expect(why['svc-2']).toMatch(/shared with 111122223333/);
  expect(why['svc-3']).toMatch(new RegExp(`used by instance ${instanceId} \\((pending|running)\\)`));
  expect(why['svc-4']).toMatch(/SSM parameter \/svc\/ami keeps it in its history \(version 1\)/);
  expect(why['svc-5']).toMatch(/SSM parameter \/svc\/ami holds it now \(version 2\)/);
  expect(why['svc-6']).toMatch(/Auto Scaling group svc-mixed uses it \(launch template svc-lt version 1\)/);
  expect(why['svc-6']).toMatch(/launch template svc-lt version 1 \(the default\) refers to it/);
  expect(why['svc-eu-2']).toMatch(/younger than older-than \(30d\)/);

  const removed = JSON.parse(run.outputs.removed) as { region: string; name: string; snapshots: string[] }[];
  expect(removed.map((r) => `${r.region} ${r.name}`).sort()).toEqual([`${WEST} svc-eu-1`, `${EAST} svc-7`]);
  expect(removed.find((r) => r.name === 'svc-eu-1')?.snapshots).toEqual([]);
  expect(JSON.parse(run.outputs['removed-snapshots'])).toEqual([
    { region: EAST, snapshotId: orphanId, imageId: bakedId, gib: 8 },
  ]);
  expect(run.outputs['gib-freed']).toBe('16');

  const state = (await aws.state()).services.ec2.regions;
  expect(state[EAST].snapshots[orphanId]).toBeUndefined();
  expect(state[EAST].images[ami(EAST, 'svc-7')]).toBeUndefined();
  expect(state[EAST].snapshots[snapOf(EAST, ami(EAST, 'svc-7'))]).toBeUndefined();
  expect(state[WEST].images[ami(WEST, 'svc-eu-1')]).toBeUndefined();
  expect(state[WEST].snapshots[snapOf(WEST, ami(WEST, 'svc-eu-1'))]).toBeDefined();
  expect(run.summary).toMatch(/Cleanup in eu-west-1: removed 1, kept 1, 0 GiB of snapshots freed/);
  expect(run.summary).toMatch(/kept snap-[0-9a-f]+ \(used by ami-/);
});

it('filter-tags selects by tags; honor-delete-on removes AMIs past their DeleteOn date and keeps the others', async () => {
  await seed(aws);
  const east = new EC2Client(aws.sdkConfig(EAST));
  const tag = (name: string, tags: Record<string, string>) =>
    east.send(
      new CreateTagsCommand({
        Resources: [ami(EAST, name)],
        Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
      }),
    );
  await tag('svc-5', { team: 'web', DeleteOn: '2026-02-01' });
  await tag('svc-6', { team: 'web', DeleteOn: '2999-01-01' });
  await tag('svc-7', { team: 'web' });
  await tag('svc-4', { team: 'db', DeleteOn: '2026-02-01' });
  const run = await runAgainst(aws, {
    inputs: { mode: 'cleanup', 'filter-tags': 'team=web', 'keep-latest': '0', 'honor-delete-on': 'true' },
  });
  expect(run.exitCode, run.log).toBe(0);
  expect(JSON.parse(run.outputs.removed).map((r: { name: string }) => r.name)).toEqual(['svc-5']);
  const kept = JSON.parse(run.outputs.kept) as { name: string; reasons: string[] }[];
  expect(Object.fromEntries(kept.map((k) => [k.name, k.reasons]))).toEqual({
    'svc-6': ['DeleteOn 2999-01-01 not reached'],
    'svc-7': ['no DeleteOn tag (and no older-than)'],
  });
});
