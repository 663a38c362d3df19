/** KMS grants: CreateGrant (idempotent for an identical grant), ListGrants, RetireGrant, RevokeGrant. */
import { randomBytes } from 'node:crypto';
import type {
  CreateGrantCommandInput,
  CreateGrantCommandOutput,
  ListGrantsCommandInput,
  ListGrantsCommandOutput,
  RetireGrantCommandInput,
  RetireGrantCommandOutput,
  RevokeGrantCommandInput,
  RevokeGrantCommandOutput,
} from '@aws-sdk/client-kms';
import { paginate } from '../../core/pagination.js';
import { AwsError, type CallContext, type Handler } from '../../core/types.js';
import { requireKey, requireUsable } from './keys.js';
import { KMS_PAGING, MAX_GRANTS_PER_KEY } from './limits.js';
import { type KmsGrant, kmsRegion } from './state.js';

function sameGrant(a: KmsGrant, input: CreateGrantCommandInput, keyId: string): boolean {
  return (
    a.KeyId === keyId &&
    a.GranteePrincipal === input.GranteePrincipal &&
    (a.RetiringPrincipal ?? null) === (input.RetiringPrincipal ?? null) &&
    (a.Name ?? null) === (input.Name ?? null) &&
    JSON.stringify([...a.Operations].sort()) === JSON.stringify([...(input.Operations ?? [])].sort()) &&
    JSON.stringify(a.Constraints ?? null) === JSON.stringify(input.Constraints ?? null)
  );
}

function grantFor(
  ctx: CallContext,
  input: { GrantToken?: string; KeyId?: string; GrantId?: string },
): KmsGrant {
  const r = kmsRegion(ctx.sim, ctx.region);
  if (input.GrantToken) {
    const grant = r.grants.find((g) => g.GrantToken === input.GrantToken);
    if (!grant) throw new AwsError('InvalidGrantTokenException', 'The grant token is not valid.');
    return grant;
  }
  const key = requireKey(ctx, input.KeyId);
  const grant = r.grants.find((g) => g.KeyId === key.KeyId && g.GrantId === input.GrantId);
  if (!grant) throw new AwsError('NotFoundException', `Grant ID ${input.GrantId} not found`);
  return grant;
}

function removeGrant(ctx: CallContext, grant: KmsGrant): void {
  const r = kmsRegion(ctx.sim, ctx.region);
  r.grants = r.grants.filter((g) => g !== grant);
}

export const CreateGrant: Handler<CreateGrantCommandInput, CreateGrantCommandOutput> = (input, ctx) => {
  const key = requireKey(ctx, input.KeyId);
  requireUsable(key);
  if (!input.GranteePrincipal) throw new AwsError('ValidationException', 'GranteePrincipal is required');
  if (!input.Operations?.length) throw new AwsError('ValidationException', 'Operations must not be empty');
  const r = kmsRegion(ctx.sim, ctx.region);
  const token = () => randomBytes(96).toString('base64url');
  const existing = r.grants.find((g) => sameGrant(g, input, key.KeyId));
  if (existing) return { GrantId: existing.GrantId, GrantToken: token() };
  if (r.grants.filter((g) => g.KeyId === key.KeyId).length >= MAX_GRANTS_PER_KEY) {
    throw new AwsError(
      'LimitExceededException',
      `The request was rejected because the key ${key.Arn} already has ${MAX_GRANTS_PER_KEY} grants.`,
    );
  }
  const grant: KmsGrant = {
    KeyId: key.KeyId,
    GrantId: randomBytes(32).toString('hex'),
    GrantToken: token(),
    Name: input.Name,
    CreationDate: ctx.sim.clock.now().toISOString(),
    GranteePrincipal: input.GranteePrincipal,
    RetiringPrincipal: input.RetiringPrincipal,
    IssuingAccount: `arn:aws:iam::${ctx.accountId}:root`,
    Operations: input.Operations,
    Constraints: input.Constraints,
  };
  r.grants.push(grant);
  return { GrantId: grant.GrantId, GrantToken: grant.GrantToken };
};

export const ListGrants: Handler<ListGrantsCommandInput, ListGrantsCommandOutput> = (input, ctx) => {
  const key = requireKey(ctx, input.KeyId);
  let grants = kmsRegion(ctx.sim, ctx.region).grants.filter((g) => g.KeyId === key.KeyId);
  if (input.GrantId) grants = grants.filter((g) => g.GrantId === input.GrantId);
  if (input.GranteePrincipal) grants = grants.filter((g) => g.GranteePrincipal === input.GranteePrincipal);
  const { page, next } = paginate(grants, input, KMS_PAGING.ListGrants);
  return {
    Grants: page.map(({ GrantToken: _token, ...entry }) => ({
      ...entry,
      CreationDate: new Date(entry.CreationDate),
    })),
    NextMarker: next,
    Truncated: next !== undefined,
  };
};

export const RetireGrant: Handler<RetireGrantCommandInput, RetireGrantCommandOutput> = (input, ctx) => {
  removeGrant(ctx, grantFor(ctx, input));
  return {};
};

export const RevokeGrant: Handler<RevokeGrantCommandInput, RevokeGrantCommandOutput> = (input, ctx) => {
  removeGrant(ctx, grantFor(ctx, { KeyId: input.KeyId, GrantId: input.GrantId }));
  return {};
};
