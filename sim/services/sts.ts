/**
 * STS (awsQuery 2011-06-15): who the caller is, and role assumption for the OIDC path
 * (AssumeRoleWithWebIdentity is unsigned: the server routes it by its `Version`).
 */
import { createHash, randomBytes } from 'node:crypto';
import { AwsError, type ServiceModel, type SimulatorApi } from '../core/types.js';
import { decodeAuthorizationMessage } from '../iam/messages.js';

export interface StsScenarioSection {
  /** Role the caller has assumed (name only). */
  roleName?: string;
  sessionName?: string;
}

export interface StsState {
  roleName: string;
  sessionName: string;
}

export const defaultScenarioSection: StsScenarioSection = {
  roleName: 'ami-pipeline',
  sessionName: 'ami-action',
};

export function roleId(account: string, role: string): string {
  const h = createHash('sha256').update(`${account}:${role}`).digest('hex').toUpperCase();
  return `AROA${h.replace(/[^A-Z0-9]/g, '').slice(0, 17)}`;
}

function assumedRole(sim: SimulatorApi, roleArn: string, session: string, durationSeconds = 3600) {
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

export const sts: ServiceModel = {
  signingName: 'sts',
  initState: (): StsState => ({ roleName: 'ami-pipeline', sessionName: 'ami-action' }),
  seed(section, sim) {
    const s = (section ?? {}) as StsScenarioSection;
    const state = sim.slice<StsState>('sts');
    if (s.roleName) state.roleName = s.roleName;
    if (s.sessionName) state.sessionName = s.sessionName;
  },
  handlers: {
    GetCallerIdentity(_input, ctx) {
      const { roleName, sessionName } = ctx.sim.slice<StsState>('sts');
      return {
        UserId: `${roleId(ctx.accountId, roleName)}:${sessionName}`,
        Account: ctx.accountId,
        Arn: `arn:aws:sts::${ctx.accountId}:assumed-role/${roleName}/${sessionName}`,
      };
    },
    DecodeAuthorizationMessage(input) {
      const decoded = decodeAuthorizationMessage(String(input.EncodedMessage ?? ''));
      if (!decoded) {
        throw new AwsError('InvalidAuthorizationMessageException', 'The error message is not valid.');
      }
      return { DecodedMessage: decoded };
    },
    AssumeRole(input, ctx) {
      return assumedRole(ctx.sim, input.RoleArn, input.RoleSessionName, input.DurationSeconds);
    },
    AssumeRoleWithWebIdentity(input, ctx) {
      if (!input.WebIdentityToken) throw new AwsError('InvalidIdentityToken', 'WebIdentityToken is required');
      return {
        ...assumedRole(ctx.sim, input.RoleArn, input.RoleSessionName, input.DurationSeconds),
        SubjectFromWebIdentityToken: 'repo:org/repo:ref:refs/heads/main',
        Audience: 'sts.amazonaws.com',
        Provider: 'token.actions.githubusercontent.com',
      };
    },
  },
};
