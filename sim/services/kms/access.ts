/**
 * Use of a KMS key by another account: what EBS needs when an account launches or copies an AMI
 * encrypted with a key it does not own. The key's owner lets an account use it by a grant to that
 * account (`GranteePrincipal` `arn:aws:iam::<account>:root`, or any principal of it) with the
 * operations, or by its key policy (seeded as the key's `allowAccounts`). AWS managed keys (`aws/ebs`)
 * never serve another account.
 */
import type { GrantOperation } from '@aws-sdk/client-kms';
import type { SimulatorApi } from '../../core/types.js';
import { resolveKmsKey } from './keys.js';
import { kmsRegion } from './state.js';

/** What EBS asks of a key to copy a snapshot encrypted with it, or to launch from one. */
export const COPY_KEY_OPERATIONS: GrantOperation[] = ['Decrypt', 'CreateGrant'];
export const LAUNCH_KEY_OPERATIONS: GrantOperation[] = ['Decrypt', 'CreateGrant'];

const KEY_ARN = /^arn:aws[\w-]*:kms:([^:]+):(\d{12}):key\/(.+)$/;

/** Whether `accountId` may use the key (a key ARN; aliases are never shared) for every operation. */
export function keyUsableBy(
  sim: SimulatorApi,
  keyRef: string,
  accountId: string,
  operations: GrantOperation[],
): boolean {
  const m = KEY_ARN.exec(keyRef);
  if (!m) return !keyRef.startsWith('arn:') || keyRef.split(':')[4] === accountId;
  const [, region, owner] = m;
  const home = sim.account(owner);
  const key = home && resolveKmsKey(home, region, keyRef);
  if (!home || !key || key.KeyState !== 'Enabled') return false;
  if (owner === accountId) return true;
  if (key.KeyManager === 'AWS') return false;
  if (key.allowAccounts?.includes(accountId)) return true;
  const principal = `arn:aws:iam::${accountId}:`;
  return kmsRegion(home, region).grants.some(
    (g) =>
      g.KeyId === key.KeyId &&
      g.GranteePrincipal.startsWith(principal) &&
      operations.every((op) => g.Operations.includes(op)),
  );
}
