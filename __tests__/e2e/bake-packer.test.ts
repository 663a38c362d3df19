import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTANCE_PROFILE } from '../../sim/services/ec2/scenario.js';
import { openUndo, runAgainst, runWithPostAgainst } from '../helpers/e2e.js';
import { PACKER_ENV, packerOnPath } from '../helpers/packer.js';
import { useSimulator } from '../helpers/sim.js';

const TEMPLATE = resolve(import.meta.dirname, '../fixtures/packer/ebs.json');
/** ebs.json with a shell-local provisioner that sleeps 300 s: a hung build. */
const HUNG = resolve(import.meta.dirname, '../fixtures/packer/ebs-hung.json');

const hasPacker = packerOnPath();
if (!hasPacker)
  console.log('bake-packer.test.ts skipped: `packer` is not on PATH (apt-get install -y packer)');

describe.skipIf(!hasPacker)('bake with the real Packer against the simulator', () => {
  const aws = useSimulator({ timeScale: 0.005 });
  const inputs = () => ({
    mode: 'bake',
    builder: 'packer',
    template: TEMPLATE,
    vars: `endpoint=${aws.url}\nregion=us-east-1`,
  });
  const env = PACKER_ENV;

  it('outputs the AMI Packer built, available in the simulator and tagged with its provenance', async () => {
    await aws.reset();
    const run = await runAgainst(aws, { inputs: inputs(), env, timeoutMs: 120_000 });
    expect(run.exitCode, run.log).toBe(0);
    const amiId = run.outputs['ami-id'];
    expect(amiId).toMatch(/^ami-[0-9a-f]+$/);
    expect(JSON.parse(run.outputs.amis)).toEqual({ 'us-east-1': amiId });
    expect(run.log).toContain('==> amazon-ebs: Creating AMI');
    const image = (await aws.state()).services.ec2.regions['us-east-1'].images[amiId];
    expect(image.availableAt <= (await aws.state()).time).toBe(true);
    const tags = Object.fromEntries(image.Tags.map((t: { Key: string; Value: string }) => [t.Key, t.Value]));
    expect(tags).toMatchObject({
      'baked-by': 'packer',
      'ami-action:repository': 'octo-org/app',
      'ami-action:run-id': '4242-1',
    });
  }, 150_000);

  it('a template with many tags: the listing tags give way to the test result, which test then records', async () => {
    await aws.reset();
    const template = JSON.parse(readFileSync(TEMPLATE, 'utf8'));
    // 40 of the template's and 7 of provenance and fingerprint: 47, where a listing tag would leave
    // test's 3 result tags no room.
    for (let i = 0; i < 38; i++) template.builders[0].tags[`team-${i}`] = 'x';
    const dir = mkdtempSync(join(tmpdir(), 'ami-action-packer-tags-'));
    writeFileSync(join(dir, 'tagged.json'), JSON.stringify(template));
    const baked = await runAgainst(aws, {
      inputs: { ...inputs(), template: join(dir, 'tagged.json') },
      env,
      timeoutMs: 120_000,
    });
    expect(baked.exitCode, baked.log).toBe(0);
    const amiId = baked.outputs['ami-id'];
    const tagsOf = async (): Promise<Record<string, string>> => {
      const image = (await aws.state()).services.ec2.regions['us-east-1'].images[amiId];
      return Object.fromEntries(image.Tags.map((t: { Key: string; Value: string }) => [t.Key, t.Value]));
    };
    const tags = await tagsOf();
    expect(Object.keys(tags)).toHaveLength(47);
    expect(tags['ami-action:inputs-files']).toBeUndefined();
    expect(tags['ami-action:inputs-hash']).toMatch(/^[0-9a-f]{64}$/);
    // Short of room for what later modes add (vulnerabilities, publish's copy marker): said at bake time.
    expect(baked.log).toMatch(/::warning::.*carries 47 tags: 2 short of room for the 5 that later modes add/);

    const tested = await runAgainst(aws, {
      inputs: { mode: 'test', 'ami-id': amiId, 'instance-profile': DEFAULT_INSTANCE_PROFILE, smoke: 'true' },
    });
    expect(tested.exitCode, tested.log).toBe(0);
    expect(tested.log).not.toContain('Could not tag');
    const after = await tagsOf();
    expect(after['ami-action:test']).toBe('passed');
    expect(Object.keys(after)).toHaveLength(50);
  }, 150_000);

  it('SIGINT mid-bake, then the post step: no instance, key pair or security group of the run is left', async () => {
    await aws.reset();
    const { main, post } = await runWithPostAgainst(aws, {
      inputs: inputs(),
      env,
      timeoutMs: 120_000,
      onSpawn: (child, output) => {
        const timer = setInterval(() => {
          if (/Instance ID: i-/.test(output.text())) {
            clearInterval(timer);
            child.kill('SIGINT');
          }
        }, 20);
      },
    });
    expect(main.exitCode).not.toBe(0);
    // What Packer announced it created is in the journal for the post step.
    expect(
      openUndo(main.state).map((entry) => entry.kind),
      main.log,
    ).toContain('remove-packer-leftovers');
    expect(post.exitCode, post.log).toBe(0);
    const region = (await aws.state()).services.ec2.regions['us-east-1'];
    const states = await instanceStates(aws.url);
    expect(states.filter((s) => s !== 'terminated' && s !== 'shutting-down')).toEqual([]);
    expect(Object.values<any>(region.keyPairs ?? {}).filter((k) => k.KeyName.startsWith('packer_'))).toEqual(
      [],
    );
    expect(
      Object.values<any>(region.securityGroups ?? {}).filter((g) => g.GroupName.startsWith('packer_')),
    ).toEqual([]);
  }, 150_000);

  it('timeout runs out while a provisioner hangs: Packer is stopped, the step fails on time naming the input, nothing is left', async () => {
    await aws.reset();
    const run = await runAgainst(aws, {
      inputs: { ...inputs(), template: HUNG, timeout: '20s' },
      env,
      timeoutMs: 120_000,
    });
    expect(run.exitCode, run.log).not.toBe(0);
    expect(run.log).toContain('provisioning');
    expect(run.errors.join('\n'), run.log).toMatch(
      /timeout 20s ran out waiting for packer build to end\. .*Raise the timeout input/,
    );
    // The 300 s sleep did not finish: Packer was stopped and ran its own cleanup.
    expect(run.log).not.toContain('Creating AMI');
    const region = (await aws.state()).services.ec2.regions['us-east-1'];
    const states = await instanceStates(aws.url);
    expect(states.filter((s) => s !== 'terminated' && s !== 'shutting-down')).toEqual([]);
    expect(Object.values<any>(region.keyPairs ?? {}).filter((k) => k.KeyName.startsWith('packer_'))).toEqual(
      [],
    );
    expect(
      Object.values<any>(region.securityGroups ?? {}).filter((g) => g.GroupName.startsWith('packer_')),
    ).toEqual([]);
    expect(Object.keys(region.images ?? {}).filter((id) => isPackerAmi(region.images[id]))).toEqual([]);
  }, 150_000);

  it('the tag step is refused: the baked AMI is deregistered with its snapshots; a re-run bakes one AMI', async () => {
    await aws.reset();
    // Packer may tag (its own tags); the action's provenance and fingerprint tags are denied.
    await aws.policy({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 'ec2:CreateTags',
          Resource: '*',
          Condition: { 'ForAnyValue:StringLike': { 'aws:TagKeys': ['ami-action:inputs-hash'] } },
        },
      ],
    });
    const failed = await runAgainst(aws, { inputs: inputs(), env, timeoutMs: 120_000 });
    await aws.policy(null);
    expect(failed.exitCode, failed.log).not.toBe(0);
    const baked = /AMI: (ami-[0-9a-f]+)/.exec(failed.log)?.[1];
    expect(baked, failed.log).toBeDefined();
    expect(failed.log).toContain(`Undone: deregistered the baked AMI ${baked} in us-east-1`);
    expect(failed.outputs['ami-id']).toBeUndefined();
    let region = (await aws.state()).services.ec2.regions['us-east-1'];
    const image = region.images?.[baked as string];
    expect(image === undefined || image.State === 'deregistered', JSON.stringify(image)).toBe(true);
    const snapshots = Object.values<any>(region.snapshots ?? {}).filter((snap) =>
      String(snap.Description ?? '').includes(baked as string),
    );
    expect(snapshots).toEqual([]);
    expect(openUndo(failed.state)).toEqual([]);

    const rerun = await runAgainst(aws, {
      inputs: { ...inputs(), 'skip-if-unchanged': 'true' },
      env,
      timeoutMs: 120_000,
    });
    expect(rerun.exitCode, rerun.log).toBe(0);
    expect(rerun.outputs.skipped).toBe('false');
    region = (await aws.state()).services.ec2.regions['us-east-1'];
    const live = Object.keys(region.images ?? {}).filter((id) => isPackerAmi(region.images[id]));
    expect(live).toEqual([rerun.outputs['ami-id']]);
  }, 300_000);
});

/** An AMI of ebs.json's builds that is still registered. */
function isPackerAmi(image: any): boolean {
  return String(image?.Name ?? '').startsWith('ami-action-packer-') && image.State !== 'deregistered';
}

async function instanceStates(url: string): Promise<string[]> {
  const { DescribeInstancesCommand, EC2Client } = await import('@aws-sdk/client-ec2');
  const ec2 = new EC2Client({
    region: 'us-east-1',
    endpoint: url,
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });
  const { Reservations } = await ec2.send(new DescribeInstancesCommand({}));
  // Not the default scenario's Auto Scaling group: its instances are no bake's leftovers.
  return (Reservations ?? [])
    .flatMap((r) => r.Instances ?? [])
    .filter((i) => !i.Tags?.some((t) => t.Key === 'aws:autoscaling:groupName'))
    .map((i) => i.State?.Name ?? '');
}
