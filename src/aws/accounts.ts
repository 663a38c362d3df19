/**
 * Which AWS account a call acts in. The job's credentials act in the account the workflow runs in;
 * publish also acts in target accounts, through a role assumed in each (roles.ts). Code that works in
 * a target account runs inside `inAccount(access, ...)`: every client made there (awsClient) signs
 * with that account's credentials and is paced to that account's request rates (AWS counts them per
 * account and region). So the AWS helpers (images, parameters, keys) serve any account without each
 * taking one as a parameter, and code outside `inAccount` acts as the job, as it always has.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

export interface AccountAccess {
  /** The 12-digit account id. */
  id: string;
  /** The role's temporary credentials, refreshed before they expire. */
  credentials: AwsCredentialIdentityProvider;
}

const current = new AsyncLocalStorage<AccountAccess>();

/** Runs `work` acting in the account `access` opens. */
export function inAccount<T>(access: AccountAccess, work: () => Promise<T>): Promise<T> {
  return current.run(access, work);
}

/** Runs `work` as the job itself, also from inside `inAccount` (the role is assumed with the job's credentials). */
export function asJob<T>(work: () => T): T {
  return current.exit(work);
}

/** The target account the current code acts in; undefined: the job's own. */
export function currentAccount(): AccountAccess | undefined {
  return current.getStore();
}

export type { AwsCredentialIdentity };
