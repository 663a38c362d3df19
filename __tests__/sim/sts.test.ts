import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSimulator } from '../helpers/sim.js';

const aws = useSimulator();
beforeEach(() => aws.reset());

describe('STS', () => {
  it('GetCallerIdentity names the account and the assumed role', async () => {
    const out = await new STSClient(aws.sdkConfig('eu-west-1')).send(new GetCallerIdentityCommand({}));
    expect(out.Account).toBe('123456789012');
    expect(out.Arn).toBe('arn:aws:sts::123456789012:assumed-role/ami-pipeline/ami-action');
    expect(out.UserId).toMatch(/^AROA[A-Z0-9]+:ami-action$/);
    expect(await aws.calls()).toMatchObject([
      { service: 'sts', operation: 'GetCallerIdentity', region: 'eu-west-1', outcome: 'ok', input: {} },
    ]);
  });

  it('takes the role from the scenario', async () => {
    await aws.seed({ sts: { roleName: 'deployer', sessionName: 'gha' } });
    const out = await new STSClient(aws.sdkConfig()).send(new GetCallerIdentityCommand({}));
    expect(out.Arn).toBe('arn:aws:sts::123456789012:assumed-role/deployer/gha');
  });

  it('AssumeRoleWithWebIdentity works unsigned (routed by Version) and returns credentials', async () => {
    const out = await new STSClient(aws.sdkConfig()).send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: 'arn:aws:iam::123456789012:role/ami-pipeline',
        RoleSessionName: 'gha',
        WebIdentityToken: 'eyJ.token',
        DurationSeconds: 7200,
      }),
    );
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(out.Credentials?.Expiration).toBeInstanceOf(Date);
    expect(out.AssumedRoleUser?.Arn).toBe('arn:aws:sts::123456789012:assumed-role/ami-pipeline/gha');
  });

  it('AssumeRoleWithWebIdentity: a role the simulator does not have is denied; a seeded one up to its MaxSessionDuration', async () => {
    const sts = new STSClient(aws.sdkConfig());
    const assume = (RoleArn: string, DurationSeconds?: number) =>
      sts.send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn,
          RoleSessionName: 'GitHubActions',
          WebIdentityToken: 'eyJ.token',
          DurationSeconds,
        }),
      );
    for (const arn of ['arn:aws:iam::123456789012:role/missing', 'arn:aws:iam::999999999999:role/deploy']) {
      await expect(assume(arn)).rejects.toMatchObject({
        name: 'AccessDenied',
        message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
      });
    }
    const arn = 'arn:aws:iam::210987654321:role/deploy';
    await aws.seed({
      sts: { roles: [{ arn, trustedAccounts: ['123456789012'], maxSessionDuration: 14400 }] },
    });
    await expect(assume(arn, 14401)).rejects.toMatchObject({ name: 'ValidationError' });
    const out = await assume(arn, 14400);
    const who = await new STSClient(
      aws.sdkConfig('us-east-1', {
        accessKeyId: out.Credentials!.AccessKeyId!,
        secretAccessKey: out.Credentials!.SecretAccessKey!,
        sessionToken: out.Credentials!.SessionToken,
      }),
    ).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:sts::210987654321:assumed-role/deploy/GitHubActions');
  });
});
