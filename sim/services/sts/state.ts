/**
 * The STS slice (`state.sts`) of an account: the role and session name that keys the simulator did not
 * issue act as (the default account's pipeline role), the account's roles that others may assume, and
 * the sessions AssumeRole issued for them (by access key id).
 */
import type { PolicyDocument } from '../../iam/policy.js';

export interface RoleRecord {
  Arn: string;
  RoleName: string;
  RoleId: string;
  /** Accounts its trust policy names (`arn:aws:iam::<account>:root` principals). */
  trustedAccounts: string[];
  /** The `sts:ExternalId` its trust policy requires, if any. */
  externalId?: string;
  /** Its identity policy; none: every action allowed. */
  policy?: PolicyDocument;
  /** MaxSessionDuration, seconds (IAM's default: 3600). */
  maxSessionDuration: number;
}

export interface SessionRecord {
  AccessKeyId: string;
  roleName: string;
  sessionName: string;
  /** ISO time (simulated) the credentials stop working. */
  expiration: string;
  /** The account and ARN of the caller that assumed it. */
  sourceAccount: string;
  sourceArn: string;
}

export interface StsState {
  roleName: string;
  sessionName: string;
  roles: Record<string, RoleRecord>;
  sessions: Record<string, SessionRecord>;
}

export function initStsState(): StsState {
  return { roleName: 'ami-pipeline', sessionName: 'ami-action', roles: {}, sessions: {} };
}
