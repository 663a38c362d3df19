/** Role assumption: AssumeRole, and AssumeRoleWithWebIdentity for the OIDC path (unsigned). */
import { randomBytes } from 'node:crypto';
import type {
  AssumeRoleCommandInput,
  AssumeRoleCommandOutput,
  AssumeRoleWithWebIdentityCommandInput,
  AssumeRoleWithWebIdentityCommandOutput,
} from '@aws-sdk/client-sts';
import { AwsError, type Handler, type SimulatorApi } from '../../core/types.js';
import { roleId } from './identity.js';

function assumedRole(
  sim: SimulatorApi,
  roleArn: string | undefined,
  session: string | undefined,
  durationSeconds = 3600,
) {
  const m = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn ?? '');
  if (!m) throw new AwsError('ValidationError', `${roleArn} is not a valid role ARN`);
  if (!session) throw new AwsError('ValidationError', 'RoleSessionName is required');
  const id = `${roleId(m[1], m[2])}:${session}`;
  return {
    Credentials: {
      AccessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
      SecretAccessKey: randomBytes(30).toString('base64'),
      SessionToken: randomBytes(64).toString('base64'),
      Expiration: new Date(sim.clock.nowMs() + durationSeconds * 1000),
    },
    AssumedRoleUser: { AssumedRoleId: id, Arn: `arn:aws:sts::${m[1]}:assumed-role/${m[2]}/${session}` },
  };
}

export const AssumeRole: Handler<AssumeRoleCommandInput, AssumeRoleCommandOutput> = (input, ctx) =>
  assumedRole(ctx.sim, input.RoleArn, input.RoleSessionName, input.DurationSeconds);

export const AssumeRoleWithWebIdentity: Handler<
  AssumeRoleWithWebIdentityCommandInput,
  AssumeRoleWithWebIdentityCommandOutput
> = (input, ctx) => {
  if (!input.WebIdentityToken) throw new AwsError('InvalidIdentityToken', 'WebIdentityToken is required');
  return {
    ...assumedRole(ctx.sim, input.RoleArn, input.RoleSessionName, input.DurationSeconds),
    SubjectFromWebIdentityToken: 'repo:org/repo:ref:refs/heads/main',
    Audience: 'sts.amazonaws.com',
    Provider: 'token.actions.githubusercontent.com',
  };
};
