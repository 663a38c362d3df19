/** Who the caller is (GetCallerIdentity), and what an authorization failure message says. */
import { createHash } from 'node:crypto';
import type {
  DecodeAuthorizationMessageCommandInput,
  DecodeAuthorizationMessageCommandOutput,
  GetCallerIdentityCommandInput,
  GetCallerIdentityCommandOutput,
} from '@aws-sdk/client-sts';
import { AwsError, type Handler } from '../../core/types.js';
import { decodeAuthorizationMessage } from '../../iam/messages.js';
import type { StsState } from './state.js';

/** The unique id of a role (`AROA...`), stable for an account and role name. */
export function roleId(account: string, role: string): string {
  const h = createHash('sha256').update(`${account}:${role}`).digest('hex').toUpperCase();
  return `AROA${h.replace(/[^A-Z0-9]/g, '').slice(0, 17)}`;
}

/** The assumed-role ARN of the request's role session (the default identity, or a session AssumeRole issued). */
export const GetCallerIdentity: Handler<GetCallerIdentityCommandInput, GetCallerIdentityCommandOutput> = (
  _input,
  ctx,
) => {
  const sts = ctx.sim.slice<StsState>('sts');
  const roleName = ctx.caller?.roleName ?? sts.roleName;
  const sessionName = ctx.caller?.sessionName ?? sts.sessionName;
  return {
    UserId: `${roleId(ctx.accountId, roleName)}:${sessionName}`,
    Account: ctx.accountId,
    Arn: `arn:aws:sts::${ctx.accountId}:assumed-role/${roleName}/${sessionName}`,
  };
};

export const DecodeAuthorizationMessage: Handler<
  DecodeAuthorizationMessageCommandInput,
  DecodeAuthorizationMessageCommandOutput
> = (input) => {
  const decoded = decodeAuthorizationMessage(String(input.EncodedMessage ?? ''));
  if (!decoded) {
    throw new AwsError('InvalidAuthorizationMessageException', 'The error message is not valid.');
  }
  return { DecodedMessage: decoded };
};
