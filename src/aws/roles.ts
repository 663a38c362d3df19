/**
 * Roles assumed in target accounts: one session per account, made with the job's credentials the
 * first time the account is needed and made again before it expires (long copies outlast a role
 * session, which role chaining caps at one hour). Expiry is judged on AWS's clock (clock.ts), not the
 * runner's; the SDK is therefore told the credentials are due on every request, so it asks this cache
 * each time, which answers from memory until a fresh session is needed.
 */
import type { RunContext } from '../context.js';
import { runTag } from '../context.js';
import { type AccountAccess, type AwsCredentialIdentity, asJob } from './accounts.js';
import { awsClient } from './clients.js';
import { awsNow } from './clock.js';
import { errorCode, isAccessDenied } from './errors.js';

/** What role chaining allows, and so what a session from a workflow's role can last. */
const SESSION_SECONDS = 3600;
/** A session is renewed once less than this is left of it. */
const RENEW_BEFORE_MS = 15 * 60_000;

export interface RoleTemplate {
  /** The role's ARN with `{account}` where the account id goes. */
  arn: string;
  externalId?: string;
}

export function roleArn(template: RoleTemplate, account: string): string {
  return template.arn.replace('{account}', account);
}

/** Why a role could not be assumed, in words for a refusal. */
export class AssumeRoleError extends Error {
  override name = 'AssumeRoleError';
}

interface Session {
  credentials: AwsCredentialIdentity;
  expiresAtMs: number;
}

export class TargetRoles {
  private readonly sessions = new Map<string, Session>();
  private readonly pending = new Map<string, Promise<Session>>();
  private readonly accesses = new Map<string, AccountAccess>();
  /** How many times each account's role was assumed (for the summary and the benchmark). */
  readonly assumed = new Map<string, number>();

  constructor(
    private readonly template: RoleTemplate,
    /** STS is asked in this region (its regional endpoint). */
    private readonly region: string,
    private readonly context: RunContext,
  ) {}

  /** Access to the account, assuming its role now (a refusal names why it cannot be). */
  async open(account: string): Promise<AccountAccess> {
    await this.session(account);
    let access = this.accesses.get(account);
    if (!access) {
      access = {
        id: account,
        credentials: async () => {
          const { credentials } = await this.session(account);
          // Due at once on the runner's clock: the SDK asks again before each request.
          return { ...credentials, expiration: new Date(Date.now()) };
        },
      };
      this.accesses.set(account, access);
    }
    return access;
  }

  private async session(account: string): Promise<Session> {
    const held = this.sessions.get(account);
    if (held && held.expiresAtMs - awsNow().getTime() > RENEW_BEFORE_MS) return held;
    let next = this.pending.get(account);
    if (!next) {
      next = this.assume(account).finally(() => this.pending.delete(account));
      this.pending.set(account, next);
    }
    return next;
  }

  private async assume(account: string): Promise<Session> {
    const arn = roleArn(this.template, account);
    try {
      // STS is loaded only when a step assumes roles (target-role): the other steps never need it.
      const { AssumeRoleCommand, STSClient } = await import('@aws-sdk/client-sts');
      // Assumed with the job's own credentials, also when asked from inside the target account.
      const { Credentials } = await asJob(() =>
        awsClient(STSClient, this.region).send(
          new AssumeRoleCommand({
            RoleArn: arn,
            RoleSessionName: sessionName(this.context),
            DurationSeconds: SESSION_SECONDS,
            ...(this.template.externalId ? { ExternalId: this.template.externalId } : {}),
          }),
        ),
      );
      if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey || !Credentials.Expiration) {
        throw new AssumeRoleError(`STS answered AssumeRole on ${arn} without credentials.`);
      }
      this.assumed.set(account, (this.assumed.get(account) ?? 0) + 1);
      const session: Session = {
        credentials: {
          accessKeyId: Credentials.AccessKeyId,
          secretAccessKey: Credentials.SecretAccessKey,
          sessionToken: Credentials.SessionToken,
        },
        expiresAtMs: Credentials.Expiration.getTime(),
      };
      this.sessions.set(account, session);
      return session;
    } catch (error) {
      if (error instanceof AssumeRoleError) throw error;
      throw new AssumeRoleError(describeAssumeFailure(arn, error, !!this.template.externalId));
    }
  }
}

/** `ami-action-<run>-<attempt>`: CloudTrail in the target account shows which run acted. */
export function sessionName(context: RunContext): string {
  return `ami-action-${runTag(context)}`.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
}

function describeAssumeFailure(arn: string, error: unknown, withExternalId: boolean): string {
  const code = errorCode(error) ?? 'Error';
  const said = (error as Error).message;
  if (isAccessDenied(error)) {
    return `cannot assume ${arn}: the role does not exist, its trust policy does not let this pipeline's role assume it${withExternalId ? ' with this external id' : ' (or it requires an external id: target-role-external-id)'}, or this pipeline's role may not call sts:AssumeRole on it (docs/iam/publish.json). AWS said: ${said}`;
  }
  return `cannot assume ${arn}: ${code}: ${said}`;
}
