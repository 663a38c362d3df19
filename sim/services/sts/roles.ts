/**
 * Role assumption. AssumeRole hands out temporary credentials bound to the role's account: requests
 * signed with them act there, as that role session, until they expire (`ExpiredToken` after). The
 * role must exist and trust the caller's account, with the `ExternalId` its trust policy requires.
 * AssumeRoleWithWebIdentity (the OIDC path, unsigned) trusts the token; the role must exist (a seeded role,
 * or the default identity's own) and allow the duration.
 */
import { randomBytes } from 'node:crypto';
import type {
  AssumeRoleCommandInput,
  AssumeRoleCommandOutput,
  AssumeRoleWithWebIdentityCommandInput,
  AssumeRoleWithWebIdentityCommandOutput,
  Credentials,
} from '@aws-sdk/client-sts';
import { AwsError, type CallContext, type Handler, type SimulatorApi } from '../../core/types.js';
import { roleId } from './identity.js';
import {
  CHAINED_SESSION_SECONDS,
  DEFAULT_SESSION_SECONDS,
  EXTERNAL_ID,
  MAX_SESSION_SECONDS,
  MIN_SESSION_SECONDS,
  ROLE_ARN_LENGTH,
  SESSION_NAME,
} from './limits.js';
import { assumedRoleArn, parseRoleArn, stsState } from './sessions.js';

/** STS's answer to a member outside its constraints (the Smithy validation message). */
function invalid(value: unknown, member: string, constraint: string): AwsError {
  return new AwsError(
    'ValidationError',
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

function checkString(value: unknown, member: string, rule: { min: number; max: number; pattern?: RegExp }) {
  const s = String(value);
  if (s.length < rule.min)
    throw invalid(s, member, `Member must have length greater than or equal to ${rule.min}`);
  if (s.length > rule.max)
    throw invalid(s, member, `Member must have length less than or equal to ${rule.max}`);
  if (rule.pattern && !rule.pattern.test(s)) {
    const source = rule.pattern.source.replace(/^\^/, '').replace(/\$$/, '');
    throw invalid(s, member, `Member must satisfy regular expression pattern: ${source}`);
  }
}

function checkRequest(input: {
  RoleArn?: string;
  RoleSessionName?: string;
  DurationSeconds?: number;
  ExternalId?: string;
}): number {
  if (!input.RoleArn) throw new AwsError('ValidationError', 'RoleArn is required');
  if (!input.RoleSessionName) throw new AwsError('ValidationError', 'RoleSessionName is required');
  checkString(input.RoleArn, 'roleArn', ROLE_ARN_LENGTH);
  checkString(input.RoleSessionName, 'roleSessionName', SESSION_NAME);
  if (input.ExternalId !== undefined) checkString(input.ExternalId, 'externalId', EXTERNAL_ID);
  const duration = input.DurationSeconds ?? DEFAULT_SESSION_SECONDS;
  if (duration < MIN_SESSION_SECONDS) {
    throw invalid(
      duration,
      'durationSeconds',
      `Member must have value greater than or equal to ${MIN_SESSION_SECONDS}`,
    );
  }
  if (duration > MAX_SESSION_SECONDS) {
    throw invalid(
      duration,
      'durationSeconds',
      `Member must have value less than or equal to ${MAX_SESSION_SECONDS}`,
    );
  }
  return duration;
}

/** New credentials for a session of `roleName` in `home`'s account, recorded so requests can use them. */
function issue(
  home: SimulatorApi,
  roleName: string,
  sessionName: string,
  seconds: number,
  source: { accountId: string; arn: string },
): Credentials & { Expiration: Date } {
  const AccessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
  const expiration = new Date(home.clock.nowMs() + seconds * 1000);
  stsState(home).sessions[AccessKeyId] = {
    AccessKeyId,
    roleName,
    sessionName,
    expiration: expiration.toISOString(),
    sourceAccount: source.accountId,
    sourceArn: source.arn,
  };
  return {
    AccessKeyId,
    SecretAccessKey: randomBytes(30).toString('base64'),
    SessionToken: randomBytes(64).toString('base64'),
    Expiration: expiration,
  };
}

function assumedRoleUser(account: string, role: string, session: string) {
  return {
    AssumedRoleId: `${roleId(account, role)}:${session}`,
    Arn: assumedRoleArn(account, role, session),
  };
}

function denied(ctx: CallContext, roleArn: string): AwsError {
  const who = ctx.caller?.arn ?? assumedRoleArn(ctx.accountId, 'ami-pipeline', 'ami-action');
  return new AwsError(
    'AccessDenied',
    `User: ${who} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    403,
  );
}

export const AssumeRole: Handler<AssumeRoleCommandInput, AssumeRoleCommandOutput> = (input, ctx) => {
  const duration = checkRequest(input);
  const roleArn = String(input.RoleArn);
  const parsed = parseRoleArn(roleArn);
  const home = parsed && ctx.sim.account(parsed.account);
  const role = home ? stsState(home).roles[parsed.name] : undefined;
  // A missing role, a trust policy without the caller's account and a wrong or missing external id
  // all answer the same AccessDenied, as AWS does.
  const trusted = role?.trustedAccounts.includes(ctx.accountId);
  if (!home || !role || !trusted) throw denied(ctx, roleArn);
  if (role.externalId !== undefined && input.ExternalId !== role.externalId) throw denied(ctx, roleArn);
  if (duration > role.maxSessionDuration) {
    throw new AwsError(
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  }
  // Every caller of the simulator is a role session (the pipeline's role, or one AssumeRole issued),
  // so every AssumeRole is role chaining, limited to one hour.
  if (duration > CHAINED_SESSION_SECONDS) {
    throw new AwsError(
      'ValidationError',
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }
  const session = String(input.RoleSessionName);
  const source = { accountId: ctx.accountId, arn: ctx.caller?.arn ?? '' };
  return {
    Credentials: issue(home, role.RoleName, session, duration, source),
    AssumedRoleUser: assumedRoleUser(home.accountId, role.RoleName, session),
  };
};

export const AssumeRoleWithWebIdentity: Handler<
  AssumeRoleWithWebIdentityCommandInput,
  AssumeRoleWithWebIdentityCommandOutput
> = (input, ctx) => {
  if (!input.WebIdentityToken) throw new AwsError('InvalidIdentityToken', 'WebIdentityToken is required');
  const seconds = checkRequest(input);
  const m = parseRoleArn(input.RoleArn);
  if (!m) throw new AwsError('ValidationError', `${input.RoleArn} is not a valid role ARN`);
  const session = String(input.RoleSessionName);
  // The token is trusted; the role must exist: a seeded role, or the default identity's own role
  // (the scenario's `roleName` in the default account). Not chained: up to the role's MaxSessionDuration.
  const home = ctx.sim.account(m.account);
  const role = home ? stsState(home).roles[m.name] : undefined;
  const ownRole = home?.accountId === ctx.sim.defaultAccountId && m.name === stsState(home).roleName;
  if (!home || (!role && !ownRole)) {
    throw new AwsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403);
  }
  if (role && seconds > role.maxSessionDuration) {
    throw new AwsError(
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  }
  const source = { accountId: m.account, arn: 'token.actions.githubusercontent.com' };
  return {
    Credentials: issue(home, m.name, session, seconds, source),
    AssumedRoleUser: assumedRoleUser(m.account, m.name, session),
    SubjectFromWebIdentityToken: 'repo:org/repo:ref:refs/heads/main',
    Audience: 'sts.amazonaws.com',
    Provider: 'token.actions.githubusercontent.com',
  };
};
