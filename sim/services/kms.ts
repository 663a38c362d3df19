/**
 * KMS (awsJson1_1, `TrentService.`). Keys, aliases and grants are regional: state is kept per region.
 * Timestamps are stored as ISO strings (the state must stay JSON); the protocol layer turns them into
 * epoch seconds on the wire.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AwsError, type CallContext, type ServiceModel, type SimulatorApi } from '../core/types.js';

export interface KmsKey {
  KeyId: string;
  Arn: string;
  AWSAccountId: string;
  CreationDate: string;
  Description: string;
  Enabled: boolean;
  KeyManager: 'CUSTOMER' | 'AWS';
  KeyState: 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingImport' | 'Unavailable' | string;
  KeyUsage: string;
  KeySpec: string;
  CustomerMasterKeySpec: string;
  EncryptionAlgorithms: string[];
  Origin: string;
  MultiRegion: boolean;
}

export interface KmsAlias {
  AliasName: string;
  AliasArn: string;
  TargetKeyId: string;
  CreationDate: string;
  LastUpdatedDate: string;
}

export interface KmsGrant {
  KeyId: string;
  GrantId: string;
  GrantToken: string;
  Name?: string;
  CreationDate: string;
  GranteePrincipal: string;
  RetiringPrincipal?: string;
  IssuingAccount: string;
  Operations: string[];
  Constraints?: Record<string, unknown>;
}

export interface KmsRegion {
  keys: Record<string, KmsKey>;
  aliases: Record<string, KmsAlias>;
  grants: KmsGrant[];
}

export interface KmsState {
  regions: Record<string, KmsRegion>;
}

/** One key to seed. `keyId` defaults to a stable id derived from account, region and alias. */
export interface KmsKeySeed {
  region: string;
  alias?: string;
  keyId?: string;
  description?: string;
  keyManager?: 'CUSTOMER' | 'AWS';
  keyState?: string;
}

/** The scenario section for `kms`: `{ keys: [...] }`. */
export interface KmsScenarioSection {
  keys?: KmsKeySeed[];
}

export const DEFAULT_KMS_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-southeast-2',
];

/** A section seeding, in each region, the customer managed `alias/ami-action` key and the `aws/ebs` key. */
export function kmsScenarioSection(regions: string[] = DEFAULT_KMS_REGIONS): KmsScenarioSection {
  return {
    keys: regions.flatMap((region) => [
      { region, alias: 'alias/ami-action', description: 'ami-action AMI encryption key' },
      {
        region,
        alias: 'alias/aws/ebs',
        keyManager: 'AWS' as const,
        description: 'Default key that protects my EBS volumes when no other key is defined',
      },
    ]),
  };
}

export const defaultScenarioSection: KmsScenarioSection = kmsScenarioSection();

function regionOf(sim: SimulatorApi, region: string): KmsRegion {
  const state = sim.slice<KmsState>('kms');
  state.regions[region] ??= { keys: {}, aliases: {}, grants: [] };
  return state.regions[region];
}

function stableUuid(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function newKey(sim: SimulatorApi, region: string, keyId: string, opts: Partial<KmsKey>): KmsKey {
  return {
    KeyId: keyId,
    Arn: `arn:aws:kms:${region}:${sim.accountId}:key/${keyId}`,
    AWSAccountId: sim.accountId,
    CreationDate: sim.clock.now().toISOString(),
    Description: '',
    Enabled: true,
    KeyManager: 'CUSTOMER',
    KeyState: 'Enabled',
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    Origin: 'AWS_KMS',
    MultiRegion: false,
    ...opts,
  };
}

function putAlias(sim: SimulatorApi, region: string, aliasName: string, keyId: string): KmsAlias {
  const now = sim.clock.now().toISOString();
  const alias: KmsAlias = {
    AliasName: aliasName,
    AliasArn: `arn:aws:kms:${region}:${sim.accountId}:${aliasName}`,
    TargetKeyId: keyId,
    CreationDate: now,
    LastUpdatedDate: now,
  };
  regionOf(sim, region).aliases[aliasName] = alias;
  return alias;
}

/** Adds one key (and its alias) in any region. Used by `seed` and by tests. */
export function seedKmsKey(sim: SimulatorApi, seed: KmsKeySeed): KmsKey {
  const keyId = seed.keyId ?? stableUuid(`${sim.accountId}:${seed.region}:${seed.alias ?? seed.description}`);
  const state = seed.keyState ?? 'Enabled';
  const key = newKey(sim, seed.region, keyId, {
    Description: seed.description ?? '',
    KeyManager: seed.keyManager ?? 'CUSTOMER',
    KeyState: state,
    Enabled: state === 'Enabled',
  });
  regionOf(sim, seed.region).keys[keyId] = key;
  if (seed.alias) putAlias(sim, seed.region, seed.alias, keyId);
  return key;
}

/**
 * Resolves a key reference as KMS does: key id, key ARN, alias name (`alias/x`) or alias ARN.
 * ARNs must name `region` and this account. Returns the key metadata, or undefined.
 * The EC2 model uses this for encrypted copies (`KmsKeyId`) and for `aws/ebs` detection.
 */
export function resolveKmsKey(sim: SimulatorApi, region: string, keyRef: string): KmsKey | undefined {
  const r = sim.slice<KmsState>('kms')?.regions?.[region];
  if (!r || !keyRef) return undefined;
  let ref = keyRef;
  const arn = /^arn:aws[\w-]*:kms:([^:]+):(\d{12}):((?:key|alias)\/.+)$/.exec(keyRef);
  if (arn) {
    if (arn[1] !== region || arn[2] !== sim.accountId) return undefined;
    ref = arn[3].startsWith('key/') ? arn[3].slice(4) : arn[3];
  }
  if (ref.startsWith('alias/')) {
    const alias = r.aliases[ref];
    return alias ? r.keys[alias.TargetKeyId] : undefined;
  }
  return r.keys[ref];
}

function requireKey(ctx: CallContext, keyRef: unknown): KmsKey {
  const ref = String(keyRef ?? '');
  const key = resolveKmsKey(ctx.sim, ctx.region, ref);
  if (key) return key;
  const arn = `arn:aws:kms:${ctx.region}:${ctx.accountId}:`;
  if (ref.startsWith('alias/')) throw new AwsError('NotFoundException', `Alias ${arn}${ref} is not found.`);
  if (ref.startsWith('arn:')) throw new AwsError('NotFoundException', `Key '${ref}' does not exist`);
  throw new AwsError('NotFoundException', `Key '${arn}key/${ref}' does not exist`);
}

function requireUsable(key: KmsKey): void {
  if (key.KeyState === 'Disabled') throw new AwsError('DisabledException', `${key.Arn} is disabled.`);
  if (key.KeyState !== 'Enabled') {
    throw new AwsError('KMSInvalidStateException', `${key.Arn} is ${key.KeyState}.`);
  }
}

/** Pages an array by an opaque numeric marker. */
function page<T>(items: T[], limit: unknown, marker: unknown, max = 100, dflt = 50) {
  const size = limit === undefined ? dflt : Number(limit);
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${limit}' at 'limit' failed`,
    );
  }
  const start = marker === undefined ? 0 : Number.parseInt(String(marker), 10);
  if (!Number.isInteger(start) || start < 0) throw new AwsError('InvalidMarkerException', 'Invalid marker');
  const slice = items.slice(start, start + size);
  const truncated = start + size < items.length;
  return { slice, truncated, next: truncated ? String(start + size) : undefined };
}

function sameGrant(a: KmsGrant, input: Record<string, any>, keyId: string): boolean {
  return (
    a.KeyId === keyId &&
    a.GranteePrincipal === input.GranteePrincipal &&
    (a.RetiringPrincipal ?? null) === (input.RetiringPrincipal ?? null) &&
    (a.Name ?? null) === (input.Name ?? null) &&
    JSON.stringify([...a.Operations].sort()) === JSON.stringify([...(input.Operations ?? [])].sort()) &&
    JSON.stringify(a.Constraints ?? null) === JSON.stringify(input.Constraints ?? null)
  );
}

function grantFor(ctx: CallContext, input: Record<string, any>): { key: KmsKey; grant: KmsGrant } {
  const r = regionOf(ctx.sim, ctx.region);
  if (input.GrantToken) {
    const grant = r.grants.find((g) => g.GrantToken === input.GrantToken);
    if (!grant) throw new AwsError('InvalidGrantTokenException', 'The grant token is not valid.');
    return { key: r.keys[grant.KeyId], grant };
  }
  const key = requireKey(ctx, input.KeyId);
  const grant = r.grants.find((g) => g.KeyId === key.KeyId && g.GrantId === input.GrantId);
  if (!grant) throw new AwsError('NotFoundException', `Grant ID ${input.GrantId} not found`);
  return { key, grant };
}

function removeGrant(ctx: CallContext, grant: KmsGrant): void {
  const r = regionOf(ctx.sim, ctx.region);
  r.grants = r.grants.filter((g) => g !== grant);
}

const handlers: ServiceModel['handlers'] = {
  DescribeKey(input, ctx) {
    return { KeyMetadata: requireKey(ctx, input.KeyId) };
  },

  CreateKey(input, ctx) {
    const key = newKey(ctx.sim, ctx.region, randomUUID(), {
      Description: input.Description ?? '',
      KeyUsage: input.KeyUsage ?? 'ENCRYPT_DECRYPT',
      KeySpec: input.KeySpec ?? 'SYMMETRIC_DEFAULT',
      CustomerMasterKeySpec: input.KeySpec ?? 'SYMMETRIC_DEFAULT',
      MultiRegion: input.MultiRegion ?? false,
      Origin: input.Origin ?? 'AWS_KMS',
    });
    regionOf(ctx.sim, ctx.region).keys[key.KeyId] = key;
    return { KeyMetadata: key };
  },

  CreateAlias(input, ctx) {
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
    const r = regionOf(ctx.sim, ctx.region);
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
  },

  ListAliases(input, ctx) {
    const r = regionOf(ctx.sim, ctx.region);
    let aliases = Object.values(r.aliases).sort((a, b) => a.AliasName.localeCompare(b.AliasName));
    if (input.KeyId) {
      const key = requireKey(ctx, input.KeyId);
      aliases = aliases.filter((a) => a.TargetKeyId === key.KeyId);
    }
    const p = page(aliases, input.Limit, input.Marker);
    return { Aliases: p.slice, NextMarker: p.next, Truncated: p.truncated };
  },

  CreateGrant(input, ctx) {
    const key = requireKey(ctx, input.KeyId);
    requireUsable(key);
    if (!input.GranteePrincipal) throw new AwsError('ValidationException', 'GranteePrincipal is required');
    if (!input.Operations?.length) throw new AwsError('ValidationException', 'Operations must not be empty');
    const r = regionOf(ctx.sim, ctx.region);
    const token = () => randomBytes(96).toString('base64url');
    const existing = r.grants.find((g) => sameGrant(g, input, key.KeyId));
    if (existing) return { GrantId: existing.GrantId, GrantToken: token() };
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
  },

  ListGrants(input, ctx) {
    const key = requireKey(ctx, input.KeyId);
    let grants = regionOf(ctx.sim, ctx.region).grants.filter((g) => g.KeyId === key.KeyId);
    if (input.GrantId) grants = grants.filter((g) => g.GrantId === input.GrantId);
    if (input.GranteePrincipal) grants = grants.filter((g) => g.GranteePrincipal === input.GranteePrincipal);
    const p = page(grants, input.Limit, input.Marker);
    return {
      Grants: p.slice.map(({ GrantToken: _token, ...entry }) => entry),
      NextMarker: p.next,
      Truncated: p.truncated,
    };
  },

  RetireGrant(input, ctx) {
    removeGrant(ctx, grantFor(ctx, input).grant);
    return {};
  },

  RevokeGrant(input, ctx) {
    removeGrant(ctx, grantFor(ctx, { KeyId: input.KeyId, GrantId: input.GrantId }).grant);
    return {};
  },
};

export const kms: ServiceModel = {
  signingName: 'kms',
  handlers,
  initState: (): KmsState => ({ regions: {} }),
  seed(section, sim) {
    for (const key of (section as KmsScenarioSection | undefined)?.keys ?? []) seedKmsKey(sim, key);
  },
};
