/**
 * The workflow runner's aws-actions/configure-aws-credentials against the simulated AWS: OIDC into a
 * tooling account role, role chaining into a workload account, the credentials handed to the later
 * steps, and a role the simulator does not have failing the step.
 */

import { join, resolve } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { beforeEach, describe, expect, it } from 'vitest';
import { exampleRoles, STAGING_ACCOUNT } from '../../scripts/lib/org-seed.js';
import { simEnv } from '../../scripts/lib/sim-env.js';
import { configureAwsCredentials } from '../../scripts/lib/workflow/aws-credentials.js';
import { runWorkflow } from '../../scripts/lib/workflow/runner.js';
import { useSimulator } from '../helpers/sim.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/workflows');
const aws = useSimulator();
beforeEach(async () => {
  await aws.reset();
  await aws.seed(exampleRoles());
});

const github = {
  repository: 'octo-org/app',
  workflow: 'w',
  actor: 'octocat',
  sha: '0'.repeat(40),
  ref: 'refs/heads/main',
};

async function whoAmI(env: Record<string, string>): Promise<string> {
  const sts = new STSClient({
    region: env.AWS_REGION,
    endpoint: env.AWS_ENDPOINT_URL,
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      sessionToken: env.AWS_SESSION_TOKEN || undefined,
    },
  });
  return (await sts.send(new GetCallerIdentityCommand({}))).Arn ?? '';
}

describe('configure-aws-credentials in the workflow runner', () => {
  it('OIDC into the tooling role, then role chaining into the workload account: later steps act there', async () => {
    const seen: string[] = [];
    const result = await runWorkflow({
      file: join(FIXTURES, 'creds.yml'),
      event: { name: 'push', ref: 'refs/heads/main' },
      vars: { ACCOUNT: STAGING_ACCOUNT },
      env: simEnv(aws.url),
      jobs: ['deploy'],
      isThisAction: (uses) => uses === './',
      runStep: async ({ inputs, env }) => {
        seen.push(`${inputs.step} ${env.AWS_REGION} ${await whoAmI(env)} ${inputs.account ?? ''}`.trim());
        return { ok: true, outputs: {}, summary: '', log: '' };
      },
    });
    expect(result.jobs.deploy.result).toBe('success');
    expect(seen).toEqual([
      'ci eu-west-1 arn:aws:sts::123456789012:assumed-role/ami-pipeline-ci/GitHubActions',
      `deploy us-east-1 arn:aws:sts::${STAGING_ACCOUNT}:assumed-role/ami-pipeline-deploy/GitHubActions ${STAGING_ACCOUNT}`,
    ]);
    const calls = (await aws.calls()).filter((call) => call.operation.startsWith('AssumeRole'));
    expect(calls.map((call) => [call.operation, call.account, call.outcome])).toEqual([
      ['AssumeRoleWithWebIdentity', '123456789012', 'ok'],
      ['AssumeRole', '123456789012', 'ok'],
    ]);
  });

  it('a role the simulator does not have fails the step, and the job stops there', async () => {
    const ran: string[] = [];
    const result = await runWorkflow({
      file: join(FIXTURES, 'creds.yml'),
      event: { name: 'push', ref: 'refs/heads/main' },
      vars: { ACCOUNT: STAGING_ACCOUNT },
      env: simEnv(aws.url),
      jobs: ['missing', 'chained-too-long'],
      isThisAction: (uses) => uses === './',
      runStep: async ({ inputs }) => {
        ran.push(inputs.mode);
        return { ok: true, outputs: {}, summary: '', log: '' };
      },
    });
    expect(ran).toEqual([]);
    expect(result.jobs.missing.result).toBe('failure');
    const [missing, tooLong] = ['missing', 'chained-too-long'].map(
      (job) => result.steps.find((step) => step.job === job && step.kind === 'emulated')!,
    );
    expect(missing.log).toBe('Not authorized to perform sts:AssumeRoleWithWebIdentity');
    // No id-token permission: AssumeRole with the job's own (role session) credentials: chained, 1 hour at most.
    expect(tooLong.log).toContain('exceeds the 1 hour session limit for roles assumed by role chaining');
  });

  it('an external id the trust policy requires; a role name without arn: is the current account', async () => {
    const arn = `arn:aws:iam::${STAGING_ACCOUNT}:role/vendor`;
    await aws.seed({ sts: { roles: [{ arn, trustedAccounts: ['123456789012'], externalId: 'ext-42' }] } });
    const env = { ...simEnv(aws.url) };
    const configure = (inputs: Record<string, string>) =>
      configureAwsCredentials({
        inputs: { 'aws-region': 'us-east-1', ...inputs },
        env,
        idToken: false,
        github,
      });
    expect(await configure({ 'role-to-assume': arn })).toMatchObject({
      ok: false,
      log: expect.stringContaining('not authorized'),
    });
    const assumed = await configure({ 'role-to-assume': arn, 'role-external-id': 'ext-42' });
    expect(assumed).toMatchObject({ ok: true, outputs: { 'aws-account-id': STAGING_ACCOUNT } });
    expect(await whoAmI({ ...env, ...assumed.env })).toBe(
      `arn:aws:sts::${STAGING_ACCOUNT}:assumed-role/vendor/GitHubActions`,
    );
    const byName = await configure({ 'role-to-assume': 'ami-pipeline-ci', 'role-session-name': 'release' });
    expect(await whoAmI({ ...env, ...byName.env })).toBe(
      'arn:aws:sts::123456789012:assumed-role/ami-pipeline-ci/release',
    );
    // No role: the region only; the credentials stay the job's.
    expect(await configure({})).toEqual({
      ok: true,
      env: { AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1' },
      outputs: {},
      log: 'region us-east-1; the credentials the job has',
    });
  });
});
