/**
 * The STS part of the default scenario: the caller is role `ami-pipeline`, session `ami-action`, in
 * the default account; each workload account has role `ami-consumer` trusting the default account.
 *
 * More roles: `{ "sts": { "roles": [{ "arn": "arn:aws:iam::<account>:role/<name>",
 * "trustedAccounts": ["123456789012"], "externalId": "optional", "policy": { IAM policy },
 * "maxSessionDuration": 3600 }] } }`; the role lives in the account its ARN names (created if new).
 */
import { accountFor, DEFAULT_ACCOUNT_ID } from '../../core/accounts.js';
import type { SimulatorApi } from '../../core/types.js';
import { parsePolicy } from '../../iam/policy.js';
import { roleId } from './identity.js';
import { DEFAULT_MAX_SESSION_DURATION, MAX_SESSION_SECONDS } from './limits.js';
import { parseRoleArn, stsState } from './sessions.js';

/** The workload accounts of the default scenario. */
export const WORKLOAD_ACCOUNTS = ['210987654321', '345678901234'];
/** The role each workload account lets the default account assume. */
export const CONSUMER_ROLE = 'ami-consumer';

export const consumerRoleArn = (account: string) => `arn:aws:iam::${account}:role/${CONSUMER_ROLE}`;

export interface RoleSeed {
  arn: string;
  /** Accounts the trust policy names. */
  trustedAccounts: string[];
  /** The `sts:ExternalId` the trust policy requires. */
  externalId?: string;
  /** The role's identity policy (IAM JSON); none: every action allowed. */
  policy?: unknown;
  /** Seconds, 3600 to 43200 (default 3600, as IAM's). */
  maxSessionDuration?: number;
}

export interface StsScenarioSection {
  /** Role the caller has assumed (name only). */
  roleName?: string;
  sessionName?: string;
  roles?: RoleSeed[];
}

export const defaultScenarioSection: StsScenarioSection = {
  roleName: 'ami-pipeline',
  sessionName: 'ami-action',
  roles: WORKLOAD_ACCOUNTS.map((account) => ({
    arn: consumerRoleArn(account),
    trustedAccounts: [DEFAULT_ACCOUNT_ID],
  })),
};

function seedRole(sim: SimulatorApi, seed: RoleSeed): void {
  const parsed = parseRoleArn(seed.arn);
  if (!parsed)
    throw new Error(`scenario: ${seed.arn} is not a role ARN (arn:aws:iam::<account>:role/<name>)`);
  const trusted = seed.trustedAccounts ?? [];
  if (!Array.isArray(trusted) || trusted.some((a) => !/^\d{12}$/.test(a))) {
    throw new Error(`scenario: role ${seed.arn}: trustedAccounts must list 12-digit account ids`);
  }
  const max = seed.maxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION;
  if (!Number.isInteger(max) || max < DEFAULT_MAX_SESSION_DURATION || max > MAX_SESSION_SECONDS) {
    throw new Error(`scenario: role ${seed.arn}: maxSessionDuration must be 3600 to 43200 seconds`);
  }
  const home = accountFor(sim, parsed.account);
  stsState(home).roles[parsed.name] = {
    Arn: seed.arn,
    RoleName: parsed.name,
    RoleId: roleId(parsed.account, parsed.name),
    trustedAccounts: [...trusted],
    externalId: seed.externalId,
    policy: seed.policy === undefined ? undefined : parsePolicy(seed.policy),
    maxSessionDuration: max,
  };
}

export function seedSts(section: unknown, sim: SimulatorApi): void {
  const s = (section ?? {}) as StsScenarioSection;
  const state = stsState(sim);
  if (s.roleName) state.roleName = s.roleName;
  if (s.sessionName) state.sessionName = s.sessionName;
  for (const role of s.roles ?? []) seedRole(sim, role);
}
