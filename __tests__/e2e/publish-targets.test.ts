/**
 * publish into target accounts (#18): the AMI is shared with each workload account, each copies it
 * into itself (its own key, tags it can see) and gets the parameter in every region, through the
 * role assumed there; a re-run changes nothing. What a target account cannot take (Allowed AMIs, a
 * role that does not trust the pipeline, a denied action, a missing key) refuses the whole publish
 * before the first change in any account, naming the account, the region and why.
 */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CopyImageCommand, DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetParameterCommand, GetParameterHistoryCommand, SSMClient } from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { DURATIONS } from '../../sim/core/time.js';
import { CONSUMER_ROLE, consumerRoleArn, WORKLOAD_ACCOUNTS } from '../../sim/index.js';
import { DEFAULT_BASE_AMI_ID } from '../../sim/services/ec2/scenario.js';
import { mutatingCalls, runAgainst } from '../helpers/e2e.js';
import { type SimCredentials, useSimulator } from '../helpers/sim.js';

// A copy takes 600 simulated seconds: 1.2 s of real time.
const aws = useSimulator({ timeScale: 0.002 });
beforeEach(() => aws.reset());

const REGIONS = ['us-east-1', 'eu-west-1'];
const [STAGING, PRODUCTION] = WORKLOAD_ACCOUNTS;
const PARAMETER = '/golden/ami/app';
const ROLE = `arn:aws:iam::{account}:role/${CONSUMER_ROLE}`;

/** A baked AMI of the tooling account, encrypted with its customer managed key. */
async function bakedAmi(): Promise<string> {
  const ec2 = new EC2Client(aws.sdkConfig('us-east-1'));
  const { ImageId } = await ec2.send(
    new CopyImageCommand({
      SourceRegion: 'us-east-1',
      SourceImageId: DEFAULT_BASE_AMI_ID,
      Name: 'app-1.0.0',
      Encrypted: true,
      KmsKeyId: 'alias/ami-action',
    }),
  );
  await aws.advance(DURATIONS.copyImageSeconds);
  return ImageId!;
}

const inputs = (source: string, extra: Record<string, string> = {}) => ({
  mode: 'publish',
  'ami-id': source,
  'copy-to-regions': 'eu-west-1',
  'kms-key-ids': 'eu-west-1=alias/ami-action',
  'target-accounts': `${STAGING},${PRODUCTION}`,
  'target-role': ROLE,
  'copy-into-accounts': 'true',
  'target-kms-key': 'alias/ami',
  'ssm-parameter': PARAMETER,
  tags: 'version=1.0.0\nteam=platform',
  'poll-interval': '0.2s',
  ...extra,
});

const inAccount = async (account: string) => aws.assumeRole(consumerRoleArn(account));
const ec2In = (region: string, credentials: SimCredentials) =>
  new EC2Client(aws.sdkConfig(region, credentials));

describe('publish into target accounts', () => {
  it('each account holds its own encrypted copy in each region, tagged, and its parameter names it; a re-run changes nothing', async () => {
    const source = await bakedAmi();
    const first = await runAgainst(aws, { inputs: inputs(source) });
    expect(first.exitCode, first.log).toBe(0);
    const firstCalls = await aws.calls();
    const accounts = JSON.parse(first.outputs.accounts) as Record<string, Record<string, string>>;
    expect(Object.keys(accounts)).toEqual([STAGING, PRODUCTION]);
    const shared = JSON.parse(first.outputs.amis) as Record<string, string>;

    for (const account of [STAGING, PRODUCTION]) {
      const credentials = await inAccount(account);
      expect(Object.keys(accounts[account])).toEqual(REGIONS);
      for (const region of REGIONS) {
        const copyId = accounts[account][region];
        expect(copyId).not.toBe(shared[region]);
        const { Images } = await ec2In(region, credentials).send(
          new DescribeImagesCommand({ Owners: ['self'], ImageIds: [copyId] }),
        );
        const copy = Images![0];
        expect(copy.OwnerId).toBe(account);
        expect(copy.State).toBe('available');
        const tags = Object.fromEntries((copy.Tags ?? []).map((t) => [t.Key, t.Value]));
        expect(tags).toMatchObject({
          version: '1.0.0',
          team: 'platform',
          'ami-action:source-ami': source,
          'ami-action:source-account': '123456789012',
        });
        // Encrypted with the account's own alias/ami key in that region.
        const ebs = copy.BlockDeviceMappings!.find((m) => m.Ebs)!.Ebs!;
        expect(ebs.Encrypted).toBe(true);
        const key = await new KMSClient(aws.sdkConfig(region, credentials)).send(
          new DescribeKeyCommand({ KeyId: 'alias/ami' }),
        );
        expect(ebs.KmsKeyId).toBe(key.KeyMetadata!.Arn);
        const ssm = new SSMClient(aws.sdkConfig(region, credentials));
        const { Parameter } = await ssm.send(new GetParameterCommand({ Name: PARAMETER }));
        expect(Parameter!.Value).toBe(copyId);
        const history = await ssm.send(new GetParameterHistoryCommand({ Name: PARAMETER }));
        expect(history.Parameters!.at(-1)!.Labels).toEqual(['v1.0.0']);
      }
    }
    // Each role was assumed once, with the pipeline's own credentials.
    const assumed = firstCalls.filter((c) => c.operation === 'AssumeRole');
    expect(assumed.map((c) => c.account)).toEqual(['123456789012', '123456789012']);
    expect(
      firstCalls.filter((c) => c.operation === 'CopyImage' && !c.dryRun && c.account === STAGING),
    ).toHaveLength(2);

    const before = (await aws.calls()).length;
    const again = await runAgainst(aws, { inputs: inputs(source) });
    expect(again.exitCode, again.log).toBe(0);
    expect(JSON.parse(again.outputs.accounts)).toEqual(accounts);
    expect(mutatingCalls((await aws.calls()).slice(before))).toEqual([]);
  });

  it('without copy-into-accounts, each account records the AMI shared with it', async () => {
    const source = await bakedAmi();
    const run = await runAgainst(aws, {
      inputs: inputs(source, { 'copy-into-accounts': 'false', 'target-kms-key': '' }),
    });
    expect(run.exitCode, run.log).toBe(0);
    const shared = JSON.parse(run.outputs.amis);
    const accounts = JSON.parse(run.outputs.accounts);
    expect(accounts).toEqual({ [STAGING]: shared, [PRODUCTION]: shared });
    const credentials = await inAccount(PRODUCTION);
    for (const region of REGIONS) {
      const ssm = new SSMClient(aws.sdkConfig(region, credentials));
      const { Parameter } = await ssm.send(new GetParameterCommand({ Name: PARAMETER }));
      expect(Parameter!.Value).toBe(shared[region]);
    }
  });

  it("refuses before any change in any account when one account's Allowed AMIs exclude the AMI", async () => {
    const source = await bakedAmi();
    await aws.seed({
      ec2: {
        allowedImages: [
          {
            account: PRODUCTION,
            region: 'eu-west-1',
            state: 'enabled',
            imageCriteria: [{ ImageProviders: ['amazon'] }],
          },
        ],
      },
    });
    const before = (await aws.calls()).length;
    const run = await runAgainst(aws, { inputs: inputs(source) });
    expect(run.exitCode).not.toBe(0);
    expect(mutatingCalls((await aws.calls()).slice(before))).toEqual([]);
    const refusal = run.errors.join('\n');
    expect(refusal).toMatch(
      new RegExp(
        `account ${PRODUCTION}, eu-west-1: Allowed AMIs \\(enabled\\) do not allow .*owner 123456789012 is not among the image providers amazon`,
      ),
    );
    // Only that account and region.
    expect(refusal).not.toMatch(new RegExp(`account ${STAGING}`));
    expect(refusal).not.toMatch(new RegExp(`account ${PRODUCTION}, us-east-1`));
  });

  it('refuses before any change when a role does not trust the pipeline, naming the account and its regions', async () => {
    const source = await bakedAmi();
    await aws.seed({
      sts: {
        roles: [
          { arn: `arn:aws:iam::${STAGING}:role/ami-strict`, trustedAccounts: ['123456789012'] },
          { arn: `arn:aws:iam::${PRODUCTION}:role/ami-strict`, trustedAccounts: ['999999999999'] },
        ],
      },
    });
    const before = (await aws.calls()).length;
    const run = await runAgainst(aws, {
      inputs: inputs(source, { 'target-role': 'arn:aws:iam::{account}:role/ami-strict' }),
    });
    expect(run.exitCode).not.toBe(0);
    expect(mutatingCalls((await aws.calls()).slice(before))).toEqual([]);
    const refusal = run.errors.join('\n');
    expect(refusal).toContain(
      `account ${PRODUCTION} (every region: us-east-1, eu-west-1): cannot assume arn:aws:iam::${PRODUCTION}:role/ami-strict`,
    );
    expect(refusal).not.toContain(`account ${STAGING}`);
  });

  it('assumes a role that requires an external id with target-role-external-id, and masks it', async () => {
    const source = await bakedAmi();
    await aws.seed({
      sts: {
        roles: WORKLOAD_ACCOUNTS.map((account) => ({
          arn: `arn:aws:iam::${account}:role/ami-external`,
          trustedAccounts: ['123456789012'],
          externalId: 'factory-7f3a',
        })),
      },
    });
    const role = { 'target-role': 'arn:aws:iam::{account}:role/ami-external' };
    const without = await runAgainst(aws, { inputs: inputs(source, role) });
    expect(without.exitCode).not.toBe(0);
    expect(without.errors.join('\n')).toContain('target-role-external-id');
    const run = await runAgainst(aws, {
      inputs: inputs(source, { ...role, 'target-role-external-id': 'factory-7f3a' }),
    });
    expect(run.exitCode, run.log).toBe(0);
    expect(run.commands.masks).toContain('factory-7f3a');
    // Nowhere else in the log.
    expect(run.log.split('\n').filter((line) => line.includes('factory-7f3a'))).toEqual([
      '::add-mask::factory-7f3a',
    ]);
  });

  it('refuses before any change when the target role may not copy (EC2 DryRun), or its key is missing', async () => {
    const source = await bakedAmi();
    const consumer = JSON.parse(readFileSync(resolve('docs/iam/consumer.json'), 'utf8'));
    const withoutCopy = {
      ...consumer,
      Statement: consumer.Statement.filter(
        (s: { Action: string | string[] }) => ![s.Action].flat().includes('ec2:CopyImage'),
      ),
    };
    await aws.seed({
      sts: {
        roles: [
          {
            arn: `arn:aws:iam::${STAGING}:role/ami-limited`,
            trustedAccounts: ['123456789012'],
            policy: withoutCopy,
          },
          {
            arn: `arn:aws:iam::${PRODUCTION}:role/ami-limited`,
            trustedAccounts: ['123456789012'],
            policy: consumer,
          },
        ],
      },
    });
    const before = (await aws.calls()).length;
    const run = await runAgainst(aws, {
      inputs: inputs(source, {
        'target-role': 'arn:aws:iam::{account}:role/ami-limited',
        'target-kms-key': 'alias/missing',
      }),
    });
    expect(run.exitCode).not.toBe(0);
    const calls = (await aws.calls()).slice(before);
    expect(mutatingCalls(calls)).toEqual([]);
    expect(calls.some((c) => c.operation === 'CopyImage' && c.dryRun && c.account === STAGING)).toBe(true);
    const refusal = run.errors.join('\n');
    for (const region of REGIONS) {
      expect(refusal).toMatch(new RegExp(`account ${STAGING}, ${region}: .*ec2:CopyImage denied`));
      expect(refusal).toContain(
        `account ${PRODUCTION}, ${region}: the KMS key alias/missing does not exist there`,
      );
    }
  });

  it('a dry run reads every account and changes nothing in any, printing the plan apply would run', async () => {
    const source = await bakedAmi();
    const before = (await aws.calls()).length;
    const run = await runAgainst(aws, { inputs: inputs(source, { 'dry-run': 'true' }) });
    expect(run.exitCode, run.log).toBe(0);
    const calls = (await aws.calls()).slice(before);
    expect(mutatingCalls(calls)).toEqual([]);
    expect(new Set(calls.map((c) => c.account))).toEqual(new Set(['123456789012', STAGING, PRODUCTION]));
    for (const account of [STAGING, PRODUCTION]) {
      for (const region of REGIONS) {
        expect(run.log).toContain(`${account}/${region} (once ${region} is done):`);
      }
    }
    expect(run.log).toMatch(
      /would call ec2:CopyImage .* into account 210987654321, encrypted with alias\/ami/,
    );
    expect(run.log).toMatch(/would call ssm:PutParameter \/golden\/ami\/app = /);
  });

  it("a region that fails leaves its accounts' lanes unstarted; a re-run completes them", async () => {
    const source = await bakedAmi();
    await aws.setFaults({ failCopiesTo: ['eu-west-1'] });
    const failed = await runAgainst(aws, { inputs: inputs(source) });
    expect(failed.exitCode).not.toBe(0);
    const message = failed.errors.join('\n');
    expect(message).toContain(
      `2 accounts ${STAGING}, ${PRODUCTION}, eu-west-1: not started: eu-west-1 failed`,
    );
    // us-east-1 went on: each account has its copy and parameter there.
    const partial = JSON.parse(failed.outputs.accounts ?? '{}');
    expect(Object.keys(partial[STAGING] ?? {})).toEqual(['us-east-1']);
    await aws.setFaults({});
    const again = await runAgainst(aws, { inputs: inputs(source) });
    expect(again.exitCode, again.log).toBe(0);
    const accounts = JSON.parse(again.outputs.accounts);
    expect(Object.keys(accounts[PRODUCTION])).toEqual(REGIONS);
    expect(accounts[STAGING]['us-east-1']).toBe(partial[STAGING]['us-east-1']);
  });

  it('checks target inputs before any AWS call', async () => {
    const run = await runAgainst(aws, {
      inputs: {
        mode: 'publish',
        'ami-id': 'ami-0123456789abcdef0',
        'copy-into-accounts': 'true',
        'target-role': 'arn:aws:iam::123456789012:role/ami-consumer',
      },
    });
    expect(run.exitCode).not.toBe(0);
    const message = run.errors.join('\n');
    expect(message).toContain('target-role');
    expect(message).toContain('{account}');
    expect(await aws.calls()).toEqual([]);
  });
});
