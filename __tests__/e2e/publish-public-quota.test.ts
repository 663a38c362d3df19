/**
 * mode: publish with public: true against EC2's Public AMIs quota: refused in the plan (dry run too)
 * where the account's public AMIs already fill it, before any change in any region; a quota raised in
 * Service Quotas lets the same publish through; an AMI that is public already counts once; without
 * servicequotas:GetServiceQuota the plan assumes the default of 5 and says why.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CopyImageCommand,
  CreateTagsCommand,
  DescribeImagesCommand,
  EC2Client,
  ModifyImageAttributeCommand,
} from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { DURATIONS } from '../../sim/core/time.js';
import { stableId } from '../../sim/services/ec2/ids.js';
import { DEFAULT_BASE_AMI_ID } from '../../sim/services/ec2/scenario.js';
import { mutatingCalls, runAgainst } from '../helpers/e2e.js';
import { useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 0.001 });
beforeEach(() => aws.reset());

const ACCOUNT = '123456789012';
const ec2 = (region = 'us-east-1') => new EC2Client({ ...aws.sdkConfig(region), maxAttempts: 1 });

/** An unencrypted AMI this account owns in us-east-1, tested and available. */
async function ownedAmi(name = 'app-1.0'): Promise<string> {
  const { ImageId } = await ec2().send(
    new CopyImageCommand({ SourceRegion: 'us-east-1', SourceImageId: DEFAULT_BASE_AMI_ID, Name: name }),
  );
  await ec2().send(
    new CreateTagsCommand({ Resources: [ImageId!], Tags: [{ Key: 'ami-action:test', Value: 'passed' }] }),
  );
  await aws.advance(DURATIONS.copyImageSeconds);
  return ImageId!;
}

/** `count` public AMIs of the account in `region` (older releases, published before). */
async function publicAmis(region: string, count: number): Promise<void> {
  await aws.seed({
    ec2: {
      images: Array.from({ length: count }, (_, i) => ({
        region,
        imageId: stableId('ami', region, `old-${i}`),
        name: `old-${i}`,
        ownerId: ACCOUNT,
        public: true,
      })),
    },
  });
}

const raiseQuota = (region: string, value: number) =>
  aws.seed({
    servicequotas: { quotas: [{ region, serviceCode: 'ec2', quotaCode: 'L-0E3CBAB9', value }] },
  });

const publishPublic = (source: string, extra: Record<string, string> = {}) => ({
  mode: 'publish',
  'ami-id': source,
  'copy-to-regions': 'eu-west-1',
  public: 'true',
  'allow-public': 'true',
  ...extra,
});

async function publicIn(region: string): Promise<string[]> {
  const { Images } = await ec2(region).send(
    new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'is-public', Values: ['true'] }] }),
  );
  return Images!.map((image) => image.ImageId!);
}

/** publish.json without the statement that reads the quota. */
function policyWithoutQuota() {
  const policy = JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../docs/iam/publish.json'), 'utf8'),
  );
  policy.Statement = policy.Statement.filter((s: { Sid: string }) => s.Sid !== 'ReadPublicAmiQuota');
  return policy;
}

const REFUSED =
  /Input 'public': eu-west-1 already has 5 public AMIs of this account, and EC2's Public AMIs quota there is 5 .*the copy of ami-\w+ cannot be made public\. Deregister old public AMIs in eu-west-1 or make them private, or raise the quota \(Service Quotas: ec2 L-0E3CBAB9/;

describe('publish public: the Public AMIs quota', () => {
  it('5 public AMIs in a copy region: refused in the plan, nothing changed anywhere; the dry run refuses alike', async () => {
    const source = await ownedAmi();
    await publicAmis('eu-west-1', 5);
    for (const dryRun of ['false', 'true']) {
      const before = (await aws.calls()).length;
      const run = await runAgainst(aws, { inputs: publishPublic(source, { 'dry-run': dryRun }) });
      expect(run.exitCode, dryRun).toBe(1);
      expect(run.errors.join('\n'), dryRun).toMatch(REFUSED);
      // us-east-1 has room: only eu-west-1 is named.
      expect(run.errors.join('\n')).not.toMatch(/us-east-1 already has/);
      expect(run.log).toContain(
        "Public AMIs of this account / EC2's Public AMIs quota: us-east-1 0/5, eu-west-1 5/5.",
      );
      const calls = (await aws.calls()).slice(before);
      expect(mutatingCalls(calls), dryRun).toEqual([]);
      expect(calls.some((c) => c.operation === 'GetServiceQuota' && c.region === 'eu-west-1')).toBe(true);
    }
    expect(await publicIn('us-east-1')).toEqual([]);
  });

  it('the same publish with the quota raised to 10 there makes the source and its copy public', async () => {
    const source = await ownedAmi();
    await publicAmis('eu-west-1', 5);
    await raiseQuota('eu-west-1', 10);
    const run = await runAgainst(aws, { inputs: publishPublic(source) });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.log).toContain('us-east-1 0/5, eu-west-1 5/10.');
    const amis = JSON.parse(run.outputs.amis) as Record<string, string>;
    expect(await publicIn('eu-west-1')).toContain(amis['eu-west-1']);
    expect((await publicIn('eu-west-1')).length).toBe(6);
    expect(await publicIn('us-east-1')).toEqual([source]);
  });

  it('a source that is public already does not count twice; a private one at the quota is refused by id', async () => {
    const source = await ownedAmi();
    await publicAmis('us-east-1', 4);
    await ec2().send(
      new ModifyImageAttributeCommand({ ImageId: source, LaunchPermission: { Add: [{ Group: 'all' }] } }),
    );
    // 5 public AMIs in us-east-1, the source one of them: publishing it there adds none.
    const run = await runAgainst(aws, { inputs: publishPublic(source, { 'copy-to-regions': '' }) });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);

    const other = await ownedAmi('app-1.1');
    const before = (await aws.calls()).length;
    const refused = await runAgainst(aws, { inputs: publishPublic(other, { 'copy-to-regions': '' }) });
    expect(refused.exitCode).toBe(1);
    expect(refused.errors.join('\n')).toMatch(
      new RegExp(`Input 'public': us-east-1 already has 5 public AMIs .* so ${other} cannot be made public`),
    );
    expect(mutatingCalls((await aws.calls()).slice(before))).toEqual([]);
  });

  it('without servicequotas:GetServiceQuota: the default of 5, said in the plan; a raised quota cannot be seen', async () => {
    const source = await ownedAmi();
    await raiseQuota('eu-west-1', 10);
    await aws.policy(policyWithoutQuota());
    const run = await runAgainst(aws, { inputs: publishPublic(source) });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.log).toMatch(
      /Public AMIs quota in us-east-1, eu-west-1: Service Quotas did not answer \(AccessDeniedException: .*not authorized to perform: servicequotas:GetServiceQuota.*\); EC2's documented default of 5 is assumed/,
    );

    await aws.policy(undefined);
    const next = await ownedAmi('app-1.1');
    await publicAmis('eu-west-1', 4);
    await aws.policy(policyWithoutQuota());
    const refused = await runAgainst(aws, { inputs: publishPublic(next) });
    expect(refused.exitCode).toBe(1);
    expect(refused.errors.join('\n')).toMatch(
      /eu-west-1 already has 5 public AMIs of this account, and EC2's Public AMIs quota there is 5 \(EC2's documented default: Service Quotas did not answer \(AccessDeniedException: .*servicequotas:GetServiceQuota/,
    );
  });
});
