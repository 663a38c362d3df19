/**
 * Who a request acts as. A key the simulator issued (AssumeRole) acts as that role session, in the
 * role's account, until it expires; any other key acts as the default account's pipeline role (the
 * STS scenario's `roleName` / `sessionName`), as before accounts existed.
 */
import { everyAccount } from '../../core/accounts.js';
import type { Caller, SimulatorApi } from '../../core/types.js';
import type { PolicyDocument } from '../../iam/policy.js';
import type { RoleRecord, SessionRecord, StsState } from './state.js';

const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]+)$/;

/** Account and role name of a role ARN, or undefined when it is not one. */
export function parseRoleArn(arn: string | undefined): { account: string; name: string } | undefined {
  const m = ROLE_ARN.exec(arn ?? '');
  return m ? { account: m[1], name: m[2] } : undefined;
}

export function stsState(sim: SimulatorApi): StsState {
  const s = sim.slice<StsState>('sts');
  s.roles ??= {};
  s.sessions ??= {};
  return s;
}

/** The role an ARN names, in the account it names, if the simulator has it. */
export function findRole(sim: SimulatorApi, arn: string | undefined): RoleRecord | undefined {
  const parsed = parseRoleArn(arn);
  const home = parsed && sim.account(parsed.account);
  return home ? stsState(home).roles[parsed.name] : undefined;
}

export const assumedRoleArn = (account: string, role: string, session: string) =>
  `arn:aws:sts::${account}:assumed-role/${role}/${session}`;

/** Identity of a request, whether its credentials have expired, and the identity policy it is held to. */
export interface Identity {
  caller: Caller;
  expired: boolean;
  /** `enforced`: the policy posted to `/_sim/policy`; a document: the role's own; undefined: allow all. */
  policy: PolicyDocument | 'enforced' | undefined;
}

function issued(sim: SimulatorApi, accessKeyId: string) {
  for (const home of everyAccount(sim)) {
    const session: SessionRecord | undefined = home.slice<StsState>('sts')?.sessions?.[accessKeyId];
    if (session) return { home, session };
  }
  return undefined;
}

/**
 * The identity of a request signed with `accessKeyId` (`sim`: any account's view). Sessions of roles
 * with their own `policy` are held to it; other sessions in the default account to the enforced
 * policy, as the default identity is; sessions in other accounts are allowed everything.
 */
export function identify(sim: SimulatorApi, accessKeyId: string): Identity {
  const found = accessKeyId ? issued(sim, accessKeyId) : undefined;
  if (found) {
    const { home, session } = found;
    const account = home.accountId;
    const role = stsState(home).roles[session.roleName];
    return {
      caller: {
        accountId: account,
        roleName: session.roleName,
        sessionName: session.sessionName,
        arn: assumedRoleArn(account, session.roleName, session.sessionName),
        accessKeyId,
        issued: true,
      },
      expired: Date.parse(session.expiration) <= sim.clock.nowMs(),
      policy: role?.policy ?? (account === sim.defaultAccountId ? 'enforced' : undefined),
    };
  }
  const home = sim.account(sim.defaultAccountId)!;
  const sts = home.slice<Partial<StsState>>('sts') ?? {};
  const roleName = sts.roleName ?? 'ami-pipeline';
  const sessionName = sts.sessionName ?? 'ami-action';
  return {
    caller: {
      accountId: home.accountId,
      roleName,
      sessionName,
      arn: assumedRoleArn(home.accountId, roleName, sessionName),
      accessKeyId,
      issued: false,
    },
    expired: false,
    policy: 'enforced',
  };
}
