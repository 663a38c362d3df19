/**
 * KMS operations -> IAM checks on the key ARN (aliases resolve to their key, as KMS authorizes the key).
 * Called directly, `kms:GrantIsForAWSResource` is false and `kms:ViaService` absent: only EBS's calls on
 * the caller's behalf (see implied.ts) carry them.
 */
import { resolveKmsKey } from '../../services/kms/keys.js';
import { type AuthRequest, check, keys, requestTags } from '../context.js';
import type { AuthCheck } from '../evaluate.js';

type Authorizer = (req: AuthRequest) => AuthCheck[];

export function keyArn(req: AuthRequest, ref: string): string {
  const key = resolveKmsKey(req.sim, req.region, ref);
  if (key) return key.Arn;
  if (ref.startsWith('arn:')) return ref;
  return `arn:aws:kms:${req.region}:${req.accountId}:${ref.startsWith('alias/') ? ref : `key/${ref}`}`;
}

const callerKeys = (req: AuthRequest) => keys({ 'kms:CallerAccount': req.accountId });

/**
 * An alias that names no key answers NotFoundException whatever the caller's permissions: KMS
 * resolves the alias before it authorizes the key it names, and there is none to authorize.
 */
const onKey: Authorizer = (req) => {
  const ref = String(req.input.KeyId ?? '');
  if (/^(arn:[^:]+:kms:[^:]*:[^:]*:)?alias\//.test(ref) && !resolveKmsKey(req.sim, req.region, ref))
    return [];
  return [check(`kms:${req.operation}`, keyArn(req, ref), callerKeys(req))];
};

const grants: Authorizer = (req) => [
  check(
    `kms:${req.operation}`,
    keyArn(req, String(req.input.KeyId ?? '')),
    callerKeys(req),
    keys({
      'kms:GrantIsForAWSResource': 'false',
      'kms:GrantOperations': req.input.Operations,
      'kms:GranteePrincipal': req.input.GranteePrincipal,
      'kms:RetiringPrincipal': req.input.RetiringPrincipal,
    }),
  ),
];

export const kmsAuthorizers: Record<string, Authorizer> = {
  DescribeKey: onKey,
  CreateGrant: grants,
  ListGrants: grants,
  RevokeGrant: grants,
  RetireGrant: (req) => (req.input.KeyId ? onKey(req) : [check('kms:RetireGrant', '*', callerKeys(req))]),
  CreateKey: (req) => [
    check(
      'kms:CreateKey',
      '*',
      callerKeys(req),
      requestTags((req.input.Tags ?? []).map((t: any) => ({ Key: t.TagKey, Value: t.TagValue }))),
    ),
  ],
  CreateAlias: (req) => [
    check(
      'kms:CreateAlias',
      `arn:aws:kms:${req.region}:${req.accountId}:${req.input.AliasName}`,
      callerKeys(req),
    ),
    check('kms:CreateAlias', keyArn(req, String(req.input.TargetKeyId ?? '')), callerKeys(req)),
  ],
};
