/**
 * aws-actions/configure-aws-credentials@v4 against the AWS that `AWS_ENDPOINT_URL` names (the
 * simulator), following the action's own decisions:
 * - `aws-region` (required) sets AWS_REGION and AWS_DEFAULT_REGION;
 * - `role-to-assume` with the workflow's `id-token: write` permission and neither
 *   `aws-access-key-id` nor `role-chaining`: OIDC, `sts:AssumeRoleWithWebIdentity` with the job's
 *   token (up to the role's MaxSessionDuration);
 * - `aws-access-key-id` / `aws-secret-access-key` / `aws-session-token`: those credentials, and with
 *   `role-to-assume` `sts:AssumeRole` signed with them;
 * - otherwise (`role-chaining: true`, or no id-token permission) `sts:AssumeRole` signed with the
 *   credentials the job has now (`role-external-id`, session tags unless `role-skip-session-tagging`);
 * - `role-duration-seconds` (default 3600), `role-session-name` (default GitHubActions); a role name
 *   without `arn:` is a role of the current account;
 * - the role's credentials become AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN for
 *   the job's later steps, and output `aws-account-id` (GetCallerIdentity).
 * Any refusal fails the step with STS's message, as the action does (it first retries, up to 12
 * times with backoff; this does not). Without `role-to-assume` only the region changes: the step
 * keeps the credentials the job has.
 */
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';

export interface CredentialsStepResult {
  ok: boolean;
  /** Environment variables the job's later steps get. */
  env: Record<string, string>;
  outputs: Record<string, string>;
  log: string;
}

// The SDK's notice that it will need Node 22 from 2027 is not news for each run of a workflow here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const DEFAULT_ROLE_DURATION = 3600;
const ROLE_SESSION_NAME = 'GitHubActions';
const TRUE = new Set(['true', 'True', 'TRUE']);

function client(env: Record<string, string>, region: string, keys?: Record<string, string>) {
  const creds = keys ?? env;
  return new STSClient({
    region,
    endpoint: env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL,
    maxAttempts: 1,
    credentials: {
      accessKeyId: creds.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: creds.AWS_SECRET_ACCESS_KEY ?? '',
      sessionToken: creds.AWS_SESSION_TOKEN || undefined,
    },
  });
}

export async function configureAwsCredentials(options: {
  inputs: Record<string, string>;
  /** The job's environment now (the runner's, the workflow's, the job's and what earlier steps set). */
  env: Record<string, string>;
  /** Whether the workflow or job grants `id-token: write`. */
  idToken: boolean;
  github: { repository: string; workflow: string; actor: string; sha: string; ref: string };
}): Promise<CredentialsStepResult> {
  const { inputs, env } = options;
  const region = inputs['aws-region'] ?? '';
  if (!region) return { ok: false, env: {}, outputs: {}, log: 'Input required and not supplied: aws-region' };
  if (!/^[a-z0-9-]+$/.test(region))
    return { ok: false, env: {}, outputs: {}, log: `Region is not valid: ${region}` };
  const exported: Record<string, string> = { AWS_REGION: region, AWS_DEFAULT_REGION: region };
  const role = inputs['role-to-assume'] ?? '';
  const chaining = TRUE.has(inputs['role-chaining'] ?? '');
  const accessKeyId = inputs['aws-access-key-id'] ?? '';
  if (accessKeyId && !inputs['aws-secret-access-key']) {
    return {
      ok: false,
      env: exported,
      outputs: {},
      log: "'aws-secret-access-key' must be provided if 'aws-access-key-id' is provided",
    };
  }
  const keys: Record<string, string> | undefined = accessKeyId
    ? {
        AWS_ACCESS_KEY_ID: accessKeyId,
        AWS_SECRET_ACCESS_KEY: inputs['aws-secret-access-key'],
        ...(inputs['aws-session-token'] ? { AWS_SESSION_TOKEN: inputs['aws-session-token'] } : {}),
      }
    : undefined;
  if (keys) Object.assign(exported, keys);
  if (!role) {
    return {
      ok: true,
      env: exported,
      outputs: {},
      log: `region ${region}; ${keys ? 'the given access key' : 'the credentials the job has'}`,
    };
  }
  const oidc = options.idToken && !accessKeyId && !chaining;
  const duration = Number.parseInt(inputs['role-duration-seconds'] ?? '', 10) || DEFAULT_ROLE_DURATION;
  const sessionName = inputs['role-session-name'] || ROLE_SESSION_NAME;
  const source = { ...env, ...keys };
  try {
    let roleArn = role;
    if (!role.startsWith('arn:aws')) {
      const me = await client(env, region, source).send(new GetCallerIdentityCommand({}));
      roleArn = `arn:aws:iam::${me.Account}:role/${role}`;
    }
    const common = {
      RoleArn: roleArn,
      RoleSessionName: sessionName,
      DurationSeconds: duration,
      ...(inputs['role-external-id'] ? { ExternalId: inputs['role-external-id'] } : {}),
    };
    const { github } = options;
    const tags = TRUE.has(inputs['role-skip-session-tagging'] ?? '')
      ? undefined
      : [
          { Key: 'GitHub', Value: 'Actions' },
          { Key: 'Repository', Value: github.repository },
          { Key: 'Workflow', Value: github.workflow },
          { Key: 'Action', Value: '__aws-actions_configure-aws-credentials' },
          { Key: 'Actor', Value: github.actor },
          { Key: 'Commit', Value: github.sha },
          { Key: 'Branch', Value: github.ref },
        ];
    const answer = oidc
      ? await client(env, region, {}).send(
          new AssumeRoleWithWebIdentityCommand({ ...common, WebIdentityToken: githubIdToken(github) }),
        )
      : await client(env, region, source).send(new AssumeRoleCommand({ ...common, Tags: tags }));
    const credentials = answer.Credentials;
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey)
      throw new Error('STS answered without credentials');
    const assumed = {
      AWS_ACCESS_KEY_ID: credentials.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.SecretAccessKey,
      AWS_SESSION_TOKEN: credentials.SessionToken ?? '',
    };
    Object.assign(exported, assumed);
    const me = await client(env, region, assumed).send(new GetCallerIdentityCommand({}));
    return {
      ok: true,
      env: exported,
      outputs: { 'aws-account-id': me.Account ?? '' },
      log: `Authenticated as assumedRoleId ${answer.AssumedRoleUser?.AssumedRoleId} (${oidc ? 'OIDC' : 'AssumeRole'}, ${duration} s, expires ${credentials.Expiration?.toISOString()})`,
    };
  } catch (error) {
    return { ok: false, env: exported, outputs: {}, log: (error as Error).message };
  }
}

/** An unsigned stand-in for the job's OIDC token (the simulator trusts the token itself). */
function githubIdToken(github: { repository: string; ref: string }): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return [
    part({ alg: 'none', typ: 'JWT' }),
    part({
      iss: 'https://token.actions.githubusercontent.com',
      aud: 'sts.amazonaws.com',
      sub: `repo:${github.repository}:ref:${github.ref}`,
    }),
    '',
  ].join('.');
}
