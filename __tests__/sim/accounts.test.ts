/** The simulated AWS as an organization: keys -> accounts, AssumeRole, per-account state, one call log. */
import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeVpcsCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BASE_AMI_ID, DEFAULT_EC2_REGIONS } from '../../sim/services/ec2/scenario.js';
import { AL2023_X86_PARAMETER } from '../../sim/services/ssm/scenario.js';
import { consumerRoleArn, WORKLOAD_ACCOUNTS } from '../../sim/services/sts/scenario.js';
import { failure, type SimCredentials, useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 0.01, rateLimits: false });
beforeEach(() => aws.reset());

const [STAGING, PRODUCTION] = WORKLOAD_ACCOUNTS;
const TOOLING = '123456789012';

const sts = (credentials?: SimCredentials) =>
  new STSClient({ ...aws.sdkConfig('us-east-1', credentials), maxAttempts: 1 });
const ec2 = (credentials?: SimCredentials, region = 'us-east-1') =>
  new EC2Client({ ...aws.sdkConfig(region, credentials), maxAttempts: 1 });

describe('access keys -> accounts', () => {
  it('a key the simulator did not issue acts in 123456789012; AssumeRole credentials act in the role account', async () => {
    expect((await sts().send(new GetCallerIdentityCommand({}))).Account).toBe(TOOLING);
    const creds = await aws.assumeRole(consumerRoleArn(STAGING), { sessionName: 'release-42' });
    expect(creds.accessKeyId).toMatch(/^ASIA[0-9A-F]{16}$/);
    const me = await sts(creds).send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({
      Account: STAGING,
      Arn: `arn:aws:sts::${STAGING}:assumed-role/ami-consumer/release-42`,
    });
    expect(me.UserId).toMatch(/^AROA[A-Z0-9]+:release-42$/);
    const calls = await aws.calls();
    expect(calls.map((c) => [c.operation, c.account])).toEqual([
      ['GetCallerIdentity', TOOLING],
      ['AssumeRole', TOOLING],
      ['GetCallerIdentity', STAGING],
    ]);
  });

  it('AssumeRole answers the credentials, the assumed-role user and an expiration after DurationSeconds', async () => {
    const now = async () => Date.parse((await aws.state()).time);
    // Simulated time runs on: the expiration falls between now + duration before and after the call
    // (the SDK reads it to the second).
    const within = async (expiration: Date, seconds: number, before: number) => {
      expect(expiration.getTime()).toBeGreaterThanOrEqual(before - 1000 + seconds * 1000);
      expect(expiration.getTime()).toBeLessThanOrEqual((await now()) + seconds * 1000);
    };
    const t0 = await now();
    const out = await sts().send(
      new AssumeRoleCommand({
        RoleArn: consumerRoleArn(PRODUCTION),
        RoleSessionName: 'gha',
        DurationSeconds: 900,
      }),
    );
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${PRODUCTION}:assumed-role/ami-consumer/gha`);
    expect(out.Credentials?.SessionToken).toBeTruthy();
    await within(out.Credentials!.Expiration!, 900, t0);
    const t1 = await now();
    const dflt = await aws.assumeRole(consumerRoleArn(PRODUCTION));
    await within(dflt.expiration, 3600, t1);
  });

  it('expired credentials answer ExpiredToken (EC2, STS) and ExpiredTokenException (KMS)', async () => {
    const creds = await aws.assumeRole(consumerRoleArn(STAGING), { durationSeconds: 900 });
    await ec2(creds).send(new DescribeVpcsCommand({}));
    await aws.advance(901);
    const e1 = await failure(ec2(creds).send(new DescribeVpcsCommand({})));
    expect(e1.name).toBe('ExpiredToken');
    expect(e1.message).toBe('The security token included in the request is expired');
    expect((await failure(sts(creds).send(new GetCallerIdentityCommand({})))).name).toBe('ExpiredToken');
    const kms = new KMSClient({ ...aws.sdkConfig('us-east-1', creds), maxAttempts: 1 });
    expect((await failure(kms.send(new DescribeKeyCommand({ KeyId: 'alias/ami' })))).name).toBe(
      'ExpiredTokenException',
    );
    const last = (await aws.calls()).at(-1)!;
    expect(last).toMatchObject({ account: STAGING, outcome: 'ExpiredTokenException' });
  });
});

describe('AssumeRole trust', () => {
  const accessDenied = (role: string) =>
    `User: arn:aws:sts::${TOOLING}:assumed-role/ami-pipeline/ami-action is not authorized to perform: sts:AssumeRole on resource: ${role}`;

  it('a role that does not exist, or does not trust the caller account, answers AccessDenied', async () => {
    const missing = `arn:aws:iam::${STAGING}:role/nope`;
    const e1 = await failure(aws.assumeRole(missing));
    expect(e1.name).toBe('AccessDenied');
    expect(e1.message).toBe(accessDenied(missing));
    expect(e1.$metadata.httpStatusCode).toBe(403);
    await aws.seed({
      sts: { roles: [{ arn: `arn:aws:iam::${STAGING}:role/other`, trustedAccounts: ['999999999999'] }] },
    });
    const e2 = await failure(aws.assumeRole(`arn:aws:iam::${STAGING}:role/other`));
    expect(e2.message).toBe(accessDenied(`arn:aws:iam::${STAGING}:role/other`));
    // An account the simulator does not model has no roles at all.
    expect((await failure(aws.assumeRole('arn:aws:iam::111122223333:role/ami-consumer'))).name).toBe(
      'AccessDenied',
    );
  });

  it('a role requiring an ExternalId answers AccessDenied without it or with another, credentials with it', async () => {
    const role = `arn:aws:iam::${PRODUCTION}:role/vendor`;
    await aws.seed({ sts: { roles: [{ arn: role, trustedAccounts: [TOOLING], externalId: 'ext-123' }] } });
    expect((await failure(aws.assumeRole(role))).message).toBe(accessDenied(role));
    expect((await failure(aws.assumeRole(role, { externalId: 'ext-999' }))).name).toBe('AccessDenied');
    const creds = await aws.assumeRole(role, { externalId: 'ext-123' });
    expect((await sts(creds).send(new GetCallerIdentityCommand({}))).Arn).toBe(
      `arn:aws:sts::${PRODUCTION}:assumed-role/vendor/sim-test`,
    );
  });

  it('checks DurationSeconds (900 to 43200, the role maximum, one hour when chaining) and the session name', async () => {
    const role = consumerRoleArn(STAGING);
    const validation = async (options: Parameters<typeof aws.assumeRole>[1]) => {
      const e = await failure(aws.assumeRole(role, options));
      expect(e.name).toBe('ValidationError');
      return e.message;
    };
    expect(await validation({ durationSeconds: 899 })).toContain(
      "Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
    expect(await validation({ durationSeconds: 43_201 })).toContain('less than or equal to 43200');
    expect(await validation({ durationSeconds: 7200 })).toBe(
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
    await aws.seed({
      sts: { roles: [{ arn: role, trustedAccounts: [TOOLING, STAGING], maxSessionDuration: 43_200 }] },
    });
    expect(await validation({ durationSeconds: 7200 })).toBe(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
    expect(await validation({ sessionName: 'a' })).toContain(
      'Member must have length greater than or equal to 2',
    );
    expect(await validation({ sessionName: 'no spaces' })).toContain(
      'Member must satisfy regular expression pattern: [\\w+=,.@-]*',
    );
    // Chaining: a session of the staging account assumes a role that trusts staging.
    const first = await aws.assumeRole(role);
    const chained = await aws.assumeRole(role, { as: first, sessionName: 'chained' });
    expect((await sts(chained).send(new GetCallerIdentityCommand({}))).Arn).toContain('/chained');
  });
});

describe('state per account', () => {
  it('each account keeps its own resources: a parameter, the default VPC, the alias/ami key', async () => {
    const staging = await aws.assumeRole(consumerRoleArn(STAGING));
    const production = await aws.assumeRole(consumerRoleArn(PRODUCTION));
    const ssm = (c?: SimCredentials) => new SSMClient({ ...aws.sdkConfig('us-east-1', c), maxAttempts: 1 });
    await ssm(staging).send(
      new PutParameterCommand({ Name: '/golden/ami', Value: 'staging', Type: 'String' }),
    );
    expect((await ssm(staging).send(new GetParameterCommand({ Name: '/golden/ami' }))).Parameter?.Value).toBe(
      'staging',
    );
    for (const other of [production, undefined]) {
      expect((await failure(ssm(other).send(new GetParameterCommand({ Name: '/golden/ami' })))).name).toBe(
        'ParameterNotFound',
      );
    }
    // AWS's public parameters are there for every account.
    const pub = await ssm(production).send(new GetParameterCommand({ Name: AL2023_X86_PARAMETER }));
    expect(pub.Parameter?.Value).toBe(DEFAULT_BASE_AMI_ID);
    const vpcs = async (c?: SimCredentials) =>
      (await ec2(c).send(new DescribeVpcsCommand({}))).Vpcs!.map((v) => v.VpcId);
    const [a, b, c] = [await vpcs(staging), await vpcs(production), await vpcs()];
    expect(a).toHaveLength(1);
    expect(new Set([...a, ...b, ...c]).size).toBe(3);
    const kms = (creds?: SimCredentials) =>
      new KMSClient({ ...aws.sdkConfig('eu-west-1', creds), maxAttempts: 1 });
    const key = await kms(staging).send(new DescribeKeyCommand({ KeyId: 'alias/ami' }));
    expect(key.KeyMetadata?.Arn).toMatch(new RegExp(`^arn:aws:kms:eu-west-1:${STAGING}:key/`));
    expect((await failure(kms().send(new DescribeKeyCommand({ KeyId: 'alias/ami' })))).name).toBe(
      'NotFoundException',
    );
  });

  it('GET /_sim/state: the default account in services, the others under accounts, one call log', async () => {
    const staging = await aws.assumeRole(consumerRoleArn(STAGING));
    await ec2(staging).send(new DescribeImagesCommand({ ImageIds: [DEFAULT_BASE_AMI_ID] }));
    const state = await aws.state();
    expect(state.accountId).toBe(TOOLING);
    expect(Object.keys(state.services)).toEqual(expect.arrayContaining(['ec2', 'kms', 'sts']));
    expect(Object.keys(state.accounts).sort()).toEqual([...WORKLOAD_ACCOUNTS].sort());
    for (const account of WORKLOAD_ACCOUNTS) {
      const { services } = state.accounts[account];
      expect(Object.keys(services.ec2.regions).sort()).toEqual([...DEFAULT_EC2_REGIONS].sort());
      expect(services.kms.regions['us-east-1'].aliases['alias/ami']).toBeDefined();
      expect(services.sts.roles['ami-consumer'].trustedAccounts).toEqual([TOOLING]);
    }
    expect(state.services.kms.regions['us-east-1'].aliases['alias/ami']).toBeUndefined();
    expect(state.accounts[STAGING].services.sts.sessions[staging.accessKeyId]).toMatchObject({
      roleName: 'ami-consumer',
      sessionName: 'sim-test',
    });
    expect(state.calls.map((c) => [c.service, c.operation, c.account])).toEqual([
      ['sts', 'AssumeRole', TOOLING],
      ['ec2', 'DescribeImages', STAGING],
    ]);
  });

  it('seeds another account by naming it on an entry or on a section', async () => {
    await aws.seed({
      ssm: { parameters: [{ account: STAGING, region: 'us-east-1', name: '/seeded', value: 'entry' }] },
      kms: { account: '444455556666', keys: [{ region: 'us-east-1', alias: 'alias/section' }] },
    });
    const state = await aws.state();
    expect(state.accounts[STAGING].services.ssm.regions['us-east-1'].parameters['/seeded']).toBeDefined();
    expect(state.services.ssm.regions['us-east-1'].parameters['/seeded']).toBeUndefined();
    expect(
      state.accounts['444455556666'].services.kms.regions['us-east-1'].aliases['alias/section'],
    ).toBeDefined();
    await expect(aws.seed({ kms: { keys: [{ account: '12', region: 'us-east-1' }] } })).rejects.toThrow(
      /12-digit/,
    );
  });
});

describe('IAM in other accounts', () => {
  it('roles are allowed everything unless seeded with a policy; /_sim/policy holds the default identity only', async () => {
    await aws.policy({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
    });
    const staging = await aws.assumeRole(consumerRoleArn(STAGING));
    await ec2(staging).send(new DescribeImagesCommand({ Owners: ['self'] }));
    expect((await failure(ec2().send(new DescribeImagesCommand({ Owners: ['self'] })))).name).toBe(
      'UnauthorizedOperation',
    );
    await aws.seed({
      sts: {
        roles: [
          {
            arn: consumerRoleArn(PRODUCTION),
            trustedAccounts: [TOOLING],
            policy: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }],
            },
          },
        ],
      },
    });
    const production = await aws.assumeRole(consumerRoleArn(PRODUCTION));
    await ec2(production).send(new DescribeImagesCommand({ Owners: ['self'] }));
    const denied = await failure(
      ec2(production).send(
        new RunInstancesCommand({
          ImageId: DEFAULT_BASE_AMI_ID,
          InstanceType: 't3.micro',
          MinCount: 1,
          MaxCount: 1,
        }),
      ),
    );
    expect(denied.name).toBe('UnauthorizedOperation');
    expect(denied.message).toContain(
      `User: arn:aws:sts::${PRODUCTION}:assumed-role/ami-consumer/sim-test is not authorized to perform: ec2:RunInstances`,
    );
    expect(aws.sim.rolePolicy(consumerRoleArn(PRODUCTION))?.Statement).toHaveLength(1);
  });

  it('DryRun in a workload account: DryRunOperation under its role policy, UnauthorizedOperation outside it', async () => {
    await aws.seed({
      sts: {
        roles: [
          {
            arn: consumerRoleArn(STAGING),
            trustedAccounts: [TOOLING],
            policy: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' }],
            },
          },
        ],
      },
    });
    const staging = await aws.assumeRole(consumerRoleArn(STAGING));
    const run = (DryRun: boolean) =>
      new RunInstancesCommand({
        ImageId: DEFAULT_BASE_AMI_ID,
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        DryRun,
      });
    expect((await failure(ec2(staging).send(run(true)))).name).toBe('DryRunOperation');
    const describe = new DescribeInstancesCommand({ DryRun: true });
    const denied = await failure(ec2(staging).send(describe));
    expect(denied.name).toBe('UnauthorizedOperation');
    const calls = (await aws.calls()).filter((c) => c.service === 'ec2');
    expect(calls).toEqual([
      expect.objectContaining({
        operation: 'RunInstances',
        account: STAGING,
        outcome: 'DryRunOperation',
        dryRun: true,
      }),
      expect.objectContaining({
        operation: 'DescribeInstances',
        account: STAGING,
        outcome: 'UnauthorizedOperation',
        dryRun: true,
      }),
    ]);
    const state = await aws.state();
    expect(Object.values(state.accounts[STAGING].services.ec2.regions['us-east-1'].instances)).toEqual([]);
  });
});
