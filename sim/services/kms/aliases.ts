/** KMS aliases: CreateAlias, ListAliases. */
import type {
  CreateAliasCommandInput,
  CreateAliasCommandOutput,
  ListAliasesCommandInput,
  ListAliasesCommandOutput,
} from '@aws-sdk/client-kms';
import { paginate } from '../../core/pagination.js';
import { AwsError, type Handler, type SimulatorApi } from '../../core/types.js';
import { requireKey } from './keys.js';
import { KMS_PAGING } from './limits.js';
import { type KmsAlias, kmsRegion } from './state.js';

export function putAlias(sim: SimulatorApi, region: string, aliasName: string, keyId: string): KmsAlias {
  const now = sim.clock.now().toISOString();
  const alias: KmsAlias = {
    AliasName: aliasName,
    AliasArn: `arn:aws:kms:${region}:${sim.accountId}:${aliasName}`,
    TargetKeyId: keyId,
    CreationDate: now,
    LastUpdatedDate: now,
  };
  kmsRegion(sim, region).aliases[aliasName] = alias;
  return alias;
}

export const CreateAlias: Handler<CreateAliasCommandInput, CreateAliasCommandOutput> = (input, ctx) => {
  const name = String(input.AliasName ?? '');
  if (!/^alias\/[a-zA-Z0-9/_-]+$/.test(name)) {
    throw new AwsError('InvalidAliasNameException', `Alias name ${name} is not valid.`);
  }
  if (name.startsWith('alias/aws/')) {
    throw new AwsError(
      'NotAuthorizedException',
      'Cannot create an alias with the reserved prefix alias/aws/.',
    );
  }
  const r = kmsRegion(ctx.sim, ctx.region);
  if (r.aliases[name]) {
    throw new AwsError(
      'AlreadyExistsException',
      `An alias with the name arn:aws:kms:${ctx.region}:${ctx.accountId}:${name} already exists`,
    );
  }
  const key = requireKey(ctx, input.TargetKeyId);
  if (key.KeyManager === 'AWS')
    throw new AwsError('NotAuthorizedException', 'Cannot alias an AWS managed key.');
  putAlias(ctx.sim, ctx.region, name, key.KeyId);
  return {};
};

export const ListAliases: Handler<ListAliasesCommandInput, ListAliasesCommandOutput> = (input, ctx) => {
  const r = kmsRegion(ctx.sim, ctx.region);
  let aliases = Object.values(r.aliases).sort((a, b) => a.AliasName.localeCompare(b.AliasName));
  if (input.KeyId) {
    const key = requireKey(ctx, input.KeyId);
    aliases = aliases.filter((a) => a.TargetKeyId === key.KeyId);
  }
  const { page, next } = paginate(aliases, input, KMS_PAGING.ListAliases);
  return {
    Aliases: page.map((a) => ({
      ...a,
      CreationDate: new Date(a.CreationDate),
      LastUpdatedDate: new Date(a.LastUpdatedDate),
    })),
    NextMarker: next,
    Truncated: next !== undefined,
  };
};
