/** mode: publish end to end: the built action against the simulated AWS. */
import {
  CopyImageCommand,
  CreateTagsCommand,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeSnapshotAttributeCommand,
  EC2Client,
  type Image,
} from '@aws-sdk/client-ec2';
import { KMSClient, ListGrantsCommand } from '@aws-sdk/client-kms';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { DURATIONS } from '../../sim/core/time.js';
import { DEFAULT_BASE_AMI_ID } from '../../sim/services/ec2/scenario.js';
import { runAgainst } from '../helpers/e2e.js';
import { type SimHandle, useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 0.001 });
beforeEach(() => aws.reset());

const ACCOUNTS = ['111122223333', '444455556666'];
const ORG = 'arn:aws:organizations::999988887777:organization/o-a1b2c3d4e5';
const OU = 'arn:aws:organizations::999988887777:ou/o-a1b2c3d4e5/ou-ab12-cdef3456';
const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2'];

const ec2 = (region = 'us-east-1') => new EC2Client({ ...aws.sdkConfig(region), maxAttempts: 1 });

/** An AMI this account owns in us-east-1 (a same-region copy of the base image), available. */
async function ownedAmi(
  sim: SimHandle,
  options: { encrypted?: 'aws/ebs' | 'cmk'; name?: string; tags?: Record<string, string> } = {},
): Promise<string> {
  const { ImageId } = await ec2().send(
    new CopyImageCommand({
      SourceRegion: 'us-east-1',
      SourceImageId: DEFAULT_BASE_AMI_ID,
      Name: options.name ?? 'app-2026.11.29',
      ...(options.encrypted ? { Encrypted: true } : {}),
      ...(options.encrypted === 'cmk' ? { KmsKeyId: 'alias/ami-action' } : {}),
    }),
  );
  const tags = { 'ami-action:test': 'passed', ...options.tags };
  await ec2().send(
    new CreateTagsCommand({
      Resources: [ImageId!],
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
  await sim.advance(DURATIONS.copyImageSeconds);
  return ImageId!;
}

const isMutating = (operation: string) => !/^(Describe|Get|List)/.test(operation);

/** The mutating calls since `from` in the call log. */
async function mutatingCalls(from = 0): Promise<string[]> {
  return (await aws.calls()).slice(from).flatMap((c) => (isMutating(c.operation) ? [c.operation] : []));
}

async function imageIn(region: string, imageId: string): Promise<Image> {
  const { Images } = await ec2(region).send(new DescribeImagesCommand({ ImageIds: [imageId] }));
  return Images![0];
}

describe('publish to 3 regions with 2 accounts, an organization and an OU', () => {
  it('copies, shares, grants, deprecates and records the AMI everywhere, and a re-run changes nothing', async () => {
    const source = await ownedAmi(aws, { encrypted: 'cmk' });
    const inputs = {
      mode: 'publish',
      'ami-id': source,
      tags: 'team=web\nversion=1.2.3',
      'copy-to-regions': 'eu-west-1, us-west-2',
      'kms-key-ids': 'eu-west-1=alias/ami-action\nus-west-2=alias/ami-action',
      'share-with-accounts': ACCOUNTS.join(','),
      'share-with-organizations': ORG,
      'share-with-ous': OU,
      'deprecate-after': '90d',
      'deregistration-protection': 'true',
      'ssm-parameter': '/app/ami/prod',
      'require-test': 'true',
    };
    // New copies stay invisible to describes for a while, and a tenth of the describes are throttled.
    await aws.setFaults({
      seed: 7,
      notFoundAfterCreateSeconds: 300,
      throttle: { rate: 0.1, operations: ['DescribeImages'] },
    });
    const start = (await aws.calls()).length;
    const first = await runAgainst(aws, { inputs });
    expect(first.errors).toEqual([]);
    expect(first.exitCode).toBe(0);
    const amis = JSON.parse(first.outputs.amis) as Record<string, string>;
    expect(Object.keys(amis)).toEqual(REGIONS);
    expect(amis['us-east-1']).toBe(source);
    expect(first.outputs['ami-id']).toBe(source);
    expect(first.outputs['ssm-parameter-version']).toBe('1');
    const describes = (await aws.calls()).slice(start).filter((c) => c.operation === 'DescribeImages');
    expect(describes.some((c) => c.outcome === 'RequestLimitExceeded')).toBe(true);
    expect(describes.filter((c) => c.outcome === 'InvalidAMIID.NotFound')).toEqual([]);
    const copyPolls = describes.filter((c) =>
      (c.input as { Filters?: { Name: string }[] }).Filters?.some((f) => f.Name === 'image-id'),
    );
    expect(copyPolls.length).toBeGreaterThan(2);
    await aws.setFaults({});

    // In each region the parameter is written last, once the AMI is tagged, shared and deprecated.
    const calls = (await aws.calls()).slice(start).filter((c) => !c.dryRun && c.outcome === 'ok');
    for (const region of REGIONS) {
      const inRegion = calls.filter((c) => c.region === region).map((c) => c.operation);
      const put = inRegion.indexOf('PutParameter');
      expect(put, region).toBeGreaterThan(-1);
      for (const before of ['ModifyImageAttribute', 'ModifySnapshotAttribute', 'EnableImageDeprecation'])
        expect(inRegion.lastIndexOf(before), `${region} ${before}`).toBeLessThan(put);
    }

    for (const region of REGIONS) {
      const image = await imageIn(region, amis[region]);
      expect(image.State, region).toBe('available');
      const tags = Object.fromEntries(image.Tags!.map((t) => [t.Key, t.Value]));
      expect(tags, region).toMatchObject({ team: 'web', version: '1.2.3', 'ami-action:test': 'passed' });
      if (region !== 'us-east-1') expect(tags['ami-action:source-ami']).toBe(source);
      expect(image.DeprecationTime, region).toBeDefined();
      expect(image.DeregistrationProtection, region).toMatch(/^enabled/);
      const { LaunchPermissions } = await ec2(region).send(
        new DescribeImageAttributeCommand({ ImageId: amis[region], Attribute: 'launchPermission' }),
      );
      expect(LaunchPermissions, region).toEqual(
        expect.arrayContaining([
          { UserId: ACCOUNTS[0] },
          { UserId: ACCOUNTS[1] },
          { OrganizationArn: ORG },
          { OrganizationalUnitArn: OU },
        ]),
      );
      expect(LaunchPermissions!.some((p) => p.Group === 'all')).toBe(false);
      const snapshotId = image.BlockDeviceMappings![0].Ebs!.SnapshotId!;
      const { CreateVolumePermissions } = await ec2(region).send(
        new DescribeSnapshotAttributeCommand({ SnapshotId: snapshotId, Attribute: 'createVolumePermission' }),
      );
      expect(CreateVolumePermissions!.map((p) => p.UserId).sort(), region).toEqual(ACCOUNTS);
      const kms = new KMSClient(aws.sdkConfig(region));
      const keyId = image.BlockDeviceMappings![0].Ebs!.KmsKeyId!;
      const { Grants } = await kms.send(new ListGrantsCommand({ KeyId: keyId }));
      expect(Grants!.map((g) => g.GranteePrincipal).sort(), region).toEqual(
        ACCOUNTS.map((a) => `arn:aws:iam::${a}:root`),
      );
      const ssm = new SSMClient(aws.sdkConfig(region));
      const { Parameter } = await ssm.send(new GetParameterCommand({ Name: '/app/ami/prod:v1.2.3' }));
      expect(Parameter?.Value, region).toBe(amis[region]);
    }
    expect(first.summary).toContain('2 accounts, 1 organization, 1 OU');

    const before = (await aws.calls()).length;
    const again = await runAgainst(aws, { inputs });
    expect(again.errors).toEqual([]);
    expect(again.exitCode).toBe(0);
    expect(again.outputs.amis).toBe(first.outputs.amis);
    expect(again.outputs['ssm-parameter-version']).toBe('1');
    expect(await mutatingCalls(before)).toEqual([]);
    expect(again.summary).toContain('already published');
  });
});

describe('refusals: the step fails naming the input and the fix, and changes nothing', () => {
  const cases: [string, () => Promise<Record<string, string>>, RegExp][] = [
    [
      'sharing an AMI encrypted with aws/ebs',
      async () => ({
        'ami-id': await ownedAmi(aws, { encrypted: 'aws/ebs' }),
        'copy-to-regions': 'eu-west-1',
        'share-with-accounts': ACCOUNTS[0],
      }),
      /Input 'share-with-\*'.*aws\/ebs[\s\S]*Input 'kms-key-ids': the copy in eu-west-1 .*customer managed key/,
    ],
    [
      'an encrypted public AMI',
      async () => ({
        'ami-id': await ownedAmi(aws, { encrypted: 'cmk' }),
        public: 'true',
        'allow-public': 'true',
      }),
      /Input 'public': encrypted AMIs can never be public/,
    ],
    [
      'public without allow-public',
      async () => ({ 'ami-id': await ownedAmi(aws), public: 'true' }),
      /Input 'public': got "true"\..*allow-public: true/,
    ],
    [
      'public while image block public access is on',
      async () => {
        await aws.seed({ ec2: { imageBlockPublicAccess: { 'eu-west-1': 'block-new-sharing' } } });
        return {
          'ami-id': await ownedAmi(aws),
          'copy-to-regions': 'eu-west-1',
          public: 'true',
          'allow-public': 'true',
        };
      },
      /Input 'public': block public access for AMIs is on in eu-west-1/,
    ],
    [
      'an account ARN given as an organization',
      async () => ({
        'ami-id': await ownedAmi(aws),
        'share-with-organizations': 'arn:aws:iam::111122223333:root',
      }),
      /Input 'share-with-organizations'.*is an account \(IAM\) ARN; this input takes organization ARNs/,
    ],
    [
      'an OU id given as an OU',
      async () => ({ 'ami-id': await ownedAmi(aws), 'share-with-ous': 'ou-ab12-cdef3456' }),
      /Input 'share-with-ous'.*is an OU id \(not its ARN\)/,
    ],
    [
      'a malformed account id',
      async () => ({ 'ami-id': await ownedAmi(aws), 'share-with-accounts': '1111-2222-3333' }),
      /Input 'share-with-accounts'.*12-digit account id/,
    ],
    [
      'an untested AMI with require-test',
      async () => ({
        'ami-id': await ownedAmi(aws, { tags: { 'ami-action:test': 'failed' } }),
        'require-test': 'true',
      }),
      /Input 'require-test'.*tagged failed.*mode: test/,
    ],
  ];

  it.each(cases)('%s', async (_, makeInputs, message) => {
    const inputs = await makeInputs();
    const before = (await aws.calls()).length;
    const run = await runAgainst(aws, { inputs: { mode: 'publish', ...inputs } });
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(message);
    expect(await mutatingCalls(before)).toEqual([]);
  });
});

describe('a region whose copy fails', () => {
  it('lets the others finish, fails the step, and a re-run completes it with one live copy per region', async () => {
    const source = await ownedAmi(aws);
    await aws.setFaults({ failCopiesTo: ['eu-west-1'] });
    const inputs = {
      mode: 'publish',
      'ami-id': source,
      'copy-to-regions': 'eu-west-1, us-west-2',
      'share-with-accounts': ACCOUNTS[0],
      'ssm-parameter': '/app/ami/prod',
    };
    const first = await runAgainst(aws, { inputs });
    expect(first.exitCode).toBe(1);
    expect(first.errors.join('\n')).toMatch(/eu-west-1.*failed.*Re-run/s);
    const partial = JSON.parse(first.outputs.amis);
    expect(Object.keys(partial)).toEqual(['us-east-1', 'us-west-2']);
    expect(first.summary).toMatch(/eu-west-1.*failed/);

    await aws.setFaults({});
    const before = (await aws.calls()).length;
    const again = await runAgainst(aws, { inputs });
    expect(again.errors).toEqual([]);
    expect(again.exitCode).toBe(0);
    const amis = JSON.parse(again.outputs.amis);
    expect(amis['us-west-2']).toBe(partial['us-west-2']);
    const calls = await mutatingCalls(before);
    expect(calls.filter((c) => c === 'CopyImage')).toHaveLength(1);
    expect(calls.filter((c) => c === 'DeregisterImage')).toHaveLength(1);
    for (const region of ['eu-west-1', 'us-west-2']) {
      const { Images } = await ec2(region).send(
        new DescribeImagesCommand({
          Owners: ['self'],
          Filters: [{ Name: 'tag:ami-action:source-ami', Values: [source] }],
        }),
      );
      expect(
        Images!.map((i) => [i.ImageId, i.State]),
        region,
      ).toEqual([[amis[region], 'available']]);
    }
  });
});

describe('other publishing choices', () => {
  it('waits for a pending source, and with kms-grants: false prints the key policy instead of granting', async () => {
    const { ImageId } = await ec2().send(
      new CopyImageCommand({
        SourceRegion: 'us-east-1',
        SourceImageId: DEFAULT_BASE_AMI_ID,
        Name: 'app-pending',
        Encrypted: true,
        KmsKeyId: 'alias/ami-action',
      }),
    );
    const before = (await aws.calls()).length;
    const run = await runAgainst(aws, {
      inputs: {
        mode: 'publish',
        'ami-id': ImageId!,
        'share-with-accounts': ACCOUNTS[0],
        'kms-grants': 'false',
      },
    });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.log).toMatch(/::notice::.*key's policy needs:.*arn:aws:iam::111122223333:root/s);
    const calls = await mutatingCalls(before);
    expect(calls).toEqual(['ModifyImageAttribute', 'ModifySnapshotAttribute']);
    expect((await imageIn('us-east-1', ImageId!)).State).toBe('available');
  });

  it('publishes the copies given in amis (as bake outputs them) instead of copying again', async () => {
    const source = await ownedAmi(aws);
    const { ImageId: given } = await ec2('eu-west-1').send(
      new CopyImageCommand({ SourceRegion: 'us-east-1', SourceImageId: source, Name: 'app-2026.11.29' }),
    );
    await aws.advance(DURATIONS.copyImageSeconds);
    const before = (await aws.calls()).length;
    const amis = JSON.stringify({ 'us-east-1': source, 'eu-west-1': given });
    const run = await runAgainst(aws, {
      inputs: { mode: 'publish', amis, 'share-with-accounts': ACCOUNTS[0] },
    });
    expect(run.errors).toEqual([]);
    expect(run.outputs.amis).toBe(amis);
    const calls = await mutatingCalls(before);
    expect(calls).not.toContain('CopyImage');
    const tags = (await imageIn('eu-west-1', given!)).Tags!;
    expect(tags).toContainEqual({ Key: 'ami-action:source-ami', Value: source });
  });

  it('makes an unencrypted AMI public in every region with allow-public', async () => {
    const source = await ownedAmi(aws);
    const run = await runAgainst(aws, {
      inputs: {
        mode: 'publish',
        'ami-id': source,
        'copy-to-regions': 'eu-west-1',
        public: 'true',
        'allow-public': 'true',
      },
    });
    expect(run.errors).toEqual([]);
    const amis = JSON.parse(run.outputs.amis) as Record<string, string>;
    for (const [region, imageId] of Object.entries(amis)) {
      expect((await imageIn(region, imageId)).Public, region).toBe(true);
    }
  });
});

describe('copy-concurrency', () => {
  it('with 1, copies and finishes one region before it starts copying the next', async () => {
    const source = await ownedAmi(aws);
    const before = (await aws.calls()).length;
    const run = await runAgainst(aws, {
      inputs: {
        mode: 'publish',
        'ami-id': source,
        'copy-to-regions': 'eu-west-1, us-west-2',
        'share-with-accounts': ACCOUNTS[0],
        'copy-concurrency': '1',
      },
    });
    expect(run.exitCode).toBe(0);
    const calls = (await aws.calls()).slice(before).filter((c) => isMutating(c.operation));
    const copies = calls.flatMap((c, index) =>
      c.operation === 'CopyImage' ? [[c.region, index] as const] : [],
    );
    expect(copies.map(([region]) => region)).toEqual(['eu-west-1', 'us-west-2']);
    const lastOfFirst = calls.findLastIndex((c) => c.region === 'eu-west-1');
    expect(calls[lastOfFirst].operation).toBe('ModifySnapshotAttribute');
    expect(copies[1][1]).toBeGreaterThan(lastOfFirst);
  });
});

describe('dry-run', () => {
  it('lists the calls it would make and makes none', async () => {
    const source = await ownedAmi(aws, { tags: { version: '2.0.0' } });
    const before = (await aws.calls()).length;
    const run = await runAgainst(aws, {
      inputs: {
        mode: 'publish',
        'ami-id': source,
        'dry-run': 'true',
        'copy-to-regions': 'eu-west-1',
        'share-with-accounts': ACCOUNTS[0],
        'deprecate-after': '30d',
        'ssm-parameter': '/app/ami/prod',
      },
    });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    for (const call of [
      'ec2:CopyImage',
      'ec2:ModifyImageAttribute',
      'ec2:ModifySnapshotAttribute',
      'ec2:EnableImageDeprecation',
      'ssm:PutParameter',
      'ssm:LabelParameterVersion',
    ]) {
      expect(run.log).toContain(`would call ${call}`);
    }
    expect(run.log).toMatch(/Dry run: \d+ change\(s\) planned, none made\./);
    expect(await mutatingCalls(before)).toEqual([]);
  });
});
