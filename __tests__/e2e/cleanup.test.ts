import { AutoScalingClient, CreateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  DescribeSubnetsCommand,
  EC2Client,
  ModifyLaunchTemplateCommand,
} from '@aws-sdk/client-ec2';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { stableId } from '../../sim/services/ec2/ids.js';
import { runAgainst } from '../helpers/e2e.js';
import { type SimHandle, useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 0.001 });
beforeEach(() => aws.reset());

const REGION = 'us-east-1';
const amiId = (n: number, region = REGION) => stableId('ami', region, `app-${n}`);
const snapOf = (id: string, region = REGION) => stableId('snap', region, id);

/** Eight AMIs app-1 (oldest) .. app-8 (newest), each with its own 8 GiB snapshot. */
async function seedEightAmis(handle: SimHandle, region = REGION): Promise<string[]> {
  const { accountId } = await handle.state();
  const ids = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => amiId(n, region));
  await handle.seed({
    ec2: {
      images: ids.map((imageId, i) => ({
        region,
        imageId,
        name: `app-${i + 1}`,
        ownerId: accountId,
        public: false,
        creationDate: `2026-01-0${i + 1}T12:00:00.000Z`,
      })),
    },
  });
  return ids;
}

/** The group runs app-1 (launch template version 2, the default); version 1 still names app-2. */
async function useByGroupAndTemplate(handle: SimHandle) {
  const ec2 = new EC2Client(handle.sdkConfig(REGION));
  const { LaunchTemplate } = await ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: 'app',
      LaunchTemplateData: { ImageId: amiId(2), InstanceType: 't3.micro' },
    }),
  );
  const templateId = LaunchTemplate?.LaunchTemplateId ?? '';
  await ec2.send(
    new CreateLaunchTemplateVersionCommand({
      LaunchTemplateId: templateId,
      SourceVersion: '1',
      LaunchTemplateData: { ImageId: amiId(1) },
    }),
  );
  await ec2.send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: templateId, DefaultVersion: '2' }));
  const { Subnets = [] } = await ec2.send(
    new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }),
  );
  await new AutoScalingClient(handle.sdkConfig(REGION)).send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: 'app-prod',
      LaunchTemplate: { LaunchTemplateId: templateId, Version: '$Default' },
      MinSize: 0,
      MaxSize: 2,
      DesiredCapacity: 1,
      VPCZoneIdentifier: Subnets[0]?.SubnetId,
    }),
  );
}

/** What publish writes: an aws:ec2:image parameter naming app-3. */
async function publishParameter(handle: SimHandle, name: string, values: string[]) {
  const ssm = new SSMClient(handle.sdkConfig(REGION));
  for (const [i, value] of values.entries()) {
    await ssm.send(
      new PutParameterCommand({
        Name: name,
        Value: value,
        Type: 'String',
        DataType: 'aws:ec2:image',
        Overwrite: i > 0,
      }),
    );
    // SSM validates aws:ec2:image values after answering: wait until the version shows.
    for (let tries = 0; tries < 200; tries++) {
      const { Parameter } = await ssm
        .send(new GetParameterCommand({ Name: name }))
        .catch(() => ({ Parameter: undefined }));
      if (Parameter?.Value === value) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

const MUTATING =
  /^(Deregister|Delete|Create|Modify|Put|Run|Terminate|Stop|Start|Enable|Disable|Copy|Register)/;

async function eightAmiScenario() {
  const ids = await seedEightAmis(aws);
  await useByGroupAndTemplate(aws);
  await publishParameter(aws, '/app/ami/prod', [amiId(3)]);
  return ids;
}

const selection = { mode: 'cleanup', 'name-prefix': 'app-', 'keep-latest': '1' };

describe('cleanup', () => {
  it('keeps the AMIs the group, an older template version, the SSM parameter and keep-latest need; removes the rest with their snapshots', async () => {
    const ids = await eightAmiScenario();
    const run = await runAgainst(aws, { inputs: { ...selection, 'dry-run': 'false' } });
    expect(run.exitCode, run.log).toBe(0);

    const kept = JSON.parse(run.outputs.kept) as { imageId: string; reasons: string[] }[];
    const reasonsOf = (id: string) => kept.find((k) => k.imageId === id)?.reasons.join(' | ');
    expect(kept.map((k) => k.imageId).sort()).toEqual([ids[0], ids[1], ids[2], ids[7]].sort());
    expect(reasonsOf(ids[0])).toMatch(
      /Auto Scaling group app-prod uses it \(launch template app version 2\)/,
    );
    expect(reasonsOf(ids[1])).toMatch(/launch template app version 1 refers to it/);
    expect(reasonsOf(ids[2])).toMatch(/SSM parameter \/app\/ami\/prod holds it now \(version 1\)/);
    expect(reasonsOf(ids[7])).toMatch(/keep-latest: newest 1 of 1/);

    const removed = JSON.parse(run.outputs.removed) as {
      imageId: string;
      snapshots: string[];
      gib: number;
    }[];
    expect(removed.map((r) => r.imageId).sort()).toEqual(ids.slice(3, 7).sort());
    for (const r of removed) expect(r).toMatchObject({ snapshots: [snapOf(r.imageId)], gib: 8 });
    expect(run.outputs['gib-freed']).toBe('32');

    const { images, snapshots } = (await aws.state()).services.ec2.regions[REGION];
    for (const id of ids.slice(3, 7)) {
      expect(images[id]).toBeUndefined();
      expect(snapshots[snapOf(id)]).toBeUndefined();
    }
    for (const id of [ids[0], ids[1], ids[2], ids[7]]) {
      expect(images[id]).toBeDefined();
      expect(snapshots[snapOf(id)]).toBeDefined();
    }
    expect(run.summary).toMatch(/Cleanup in us-east-1: removed 4, kept 4, 32 GiB of snapshots freed/);
  });

  it('ssm-parameters naming a parameter no region has is refused before any change; a real one in another region is not', async () => {
    const ids = await eightAmiScenario();
    // A plain-text parameter (not aws:ec2:image, so only ssm-parameters finds it) in eu-west-1 only.
    await new SSMClient(aws.sdkConfig('eu-west-1')).send(
      new PutParameterCommand({ Name: '/app/ami/canary', Value: amiId(5), Type: 'String' }),
    );
    const before = (await aws.calls()).length;
    const refused = await runAgainst(aws, {
      inputs: {
        ...selection,
        regions: 'us-east-1, eu-west-1',
        'ssm-parameters': '/app/ami/canary, /app/ami/prdo',
        'dry-run': 'false',
      },
    });
    expect(refused.exitCode).toBe(1);
    expect(refused.errors.join('\n')).toContain(
      "Input 'ssm-parameters': /app/ami/prdo exists in none of the regions cleanup reads (us-east-1, eu-west-1)",
    );
    expect(refused.errors.join('\n')).not.toContain('/app/ami/canary exists');
    const calls = (await aws.calls()).slice(before);
    expect(calls.filter((c) => MUTATING.test(c.operation)).map((c) => c.operation)).toEqual([]);
    expect(Object.keys((await aws.state()).services.ec2.regions[REGION].images)).toEqual(
      expect.arrayContaining(ids),
    );
  });

  it('dry-run (the default) lists the same plan and makes no mutating call', async () => {
    const ids = await eightAmiScenario();
    const before = (await aws.calls()).length;
    const run = await runAgainst(aws, { inputs: selection });
    expect(run.exitCode, run.log).toBe(0);
    const removed = JSON.parse(run.outputs.removed) as { imageId: string }[];
    expect(removed.map((r) => r.imageId).sort()).toEqual(ids.slice(3, 7).sort());
    expect(JSON.parse(run.outputs.kept)).toHaveLength(4);
    const calls = (await aws.calls()).slice(before);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((c) => MUTATING.test(c.operation)).map((c) => c.operation)).toEqual([]);
    expect(Object.keys((await aws.state()).services.ec2.regions[REGION].images)).toEqual(
      expect.arrayContaining(ids),
    );
    expect(run.summary).toMatch(
      /dry-run: nothing changed\): would remove 4, kept 4, 32 GiB of snapshots to free/,
    );
  });

  it('ami-id alone removes exactly that AMI and its snapshot', async () => {
    const ids = await seedEightAmis(aws);
    const run = await runAgainst(aws, { inputs: { mode: 'cleanup', 'ami-id': ids[4], 'dry-run': 'false' } });
    expect(run.exitCode, run.log).toBe(0);
    expect(JSON.parse(run.outputs.removed)).toEqual([
      expect.objectContaining({ imageId: ids[4], snapshots: [snapOf(ids[4])], gib: 8 }),
    ]);
    const { images, snapshots } = (await aws.state()).services.ec2.regions[REGION];
    expect(
      Object.keys(images)
        .filter((id) => ids.includes(id))
        .sort(),
    ).toEqual(ids.filter((id) => id !== ids[4]).sort());
    expect(snapshots[snapOf(ids[4])]).toBeUndefined();
    for (const id of ids.filter((x) => x !== ids[4])) expect(snapshots[snapOf(id)]).toBeDefined();
    const deregisters = (await aws.calls()).filter((c) => c.operation === 'DeregisterImage');
    expect(deregisters.map((c) => (c.input as { ImageId: string }).ImageId)).toEqual([ids[4]]);
  });

  it('ami-id of an AMI still in use keeps it, with a warning naming the use', async () => {
    const ids = await seedEightAmis(aws);
    await publishParameter(aws, '/app/ami/canary', [ids[4]]);
    const run = await runAgainst(aws, { inputs: { mode: 'cleanup', 'ami-id': ids[4], 'dry-run': 'false' } });
    expect(run.exitCode, run.log).toBe(0);
    expect(JSON.parse(run.outputs.removed)).toEqual([]);
    expect(run.log).toContain(
      `::warning::${ids[4]} is not removed: SSM parameter /app/ami/canary holds it now`,
    );
    expect((await aws.calls()).filter((c) => c.operation === 'DeregisterImage')).toEqual([]);
  });

  it('refuses to run without ami-id or a selection, before any AWS call', async () => {
    const before = (await aws.calls()).length;
    const run = await runAgainst(aws, { inputs: { mode: 'cleanup', 'dry-run': 'false' } });
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(/cleanup needs ami-id \(one AMI\) or a selection/);
    expect((await aws.calls()).length).toBe(before);
  });
});

describe('cleanup under throttling', () => {
  it('retries throttled calls and ends with the same result', async () => {
    const ids = await eightAmiScenario();
    await aws.setFaults({
      seed: 7,
      throttle: { rate: 0.3, operations: ['DescribeImages', 'DeregisterImage'] },
    });
    const run = await runAgainst(aws, { inputs: { ...selection, 'dry-run': 'false' } });
    expect(run.exitCode, run.log).toBe(0);
    const removed = JSON.parse(run.outputs.removed) as { imageId: string }[];
    expect(removed.map((r) => r.imageId).sort()).toEqual(ids.slice(3, 7).sort());
    const calls = await aws.calls();
    expect(calls.some((c) => c.outcome === 'RequestLimitExceeded' || c.outcome.startsWith('Throttl'))).toBe(
      true,
    );
    expect(calls.some((c) => (c.attempt ?? 1) > 1)).toBe(true);
  });
});
