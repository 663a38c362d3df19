/** EBS snapshots: made by CreateImage and CopyImage; described, shared and deleted by callers. */
import type {
  DeleteSnapshotCommandInput,
  DeleteSnapshotCommandOutput,
  DescribeSnapshotAttributeCommandInput,
  DescribeSnapshotAttributeCommandOutput,
  DescribeSnapshotsCommandInput,
  DescribeSnapshotsCommandOutput,
  ModifySnapshotAttributeCommandInput,
  ModifySnapshotAttributeCommandOutput,
  ResetSnapshotAttributeCommandInput,
  ResetSnapshotAttributeCommandOutput,
  Snapshot,
} from '@aws-sdk/client-ec2';
import { paginate } from '../../core/pagination.js';
import { AwsError, type CallContext, type Handler } from '../../core/types.js';
import { resolveKmsKey } from '../kms/keys.js';
import { applyFilters } from './filters.js';
import { ID_PATTERN, newId } from './ids.js';
import { snapshotsInUse } from './image-view.js';
import { hiddenByEventualConsistency, snapshotProgress, snapshotState } from './lifecycle.js';
import { EC2_PAGING, MAX_SNAPSHOT_PERMISSION_CHANGES } from './limits.js';
import { regionState } from './region.js';
import { canSeeSnapshot, locateSnapshot, regionsEverywhere } from './shared.js';
import type { Ec2Region, SnapshotRecord, Tag } from './state.js';

export function addSnapshot(
  r: Ec2Region,
  fields: Omit<SnapshotRecord, 'SnapshotId' | 'createVolumePermissions' | 'Tags'> & { Tags?: Tag[] },
): SnapshotRecord {
  const snap: SnapshotRecord = {
    SnapshotId: newId('snap'),
    createVolumePermissions: [],
    ...fields,
    Tags: [...(fields.Tags ?? [])],
  };
  r.snapshots[snap.SnapshotId] = snap;
  return snap;
}

/** Whether a KMS key (ARN or alias) of the region is AWS managed (aws/ebs), which EC2 never shares. */
export function isAwsManagedKey(ctx: CallContext, keyRef: string | undefined): boolean {
  if (!keyRef) return false;
  if (keyRef.endsWith(':alias/aws/ebs') || keyRef === 'alias/aws/ebs') return true;
  return resolveKmsKey(ctx.sim, ctx.region, keyRef)?.KeyManager === 'AWS';
}

function snapshotOutput(s: SnapshotRecord, nowMs: number): Snapshot & { StartTime: Date } {
  return {
    SnapshotId: s.SnapshotId,
    VolumeId: s.VolumeId,
    State: snapshotState(s, nowMs),
    StateMessage: s.failed ? 'Internal error on copy' : undefined,
    StartTime: new Date(s.startedAt),
    CompletionTime: snapshotState(s, nowMs) === 'completed' ? new Date(s.completedAt) : undefined,
    Progress: snapshotProgress(s, nowMs),
    OwnerId: s.OwnerId,
    OwnerAlias: s.OwnerAlias,
    Description: s.Description,
    VolumeSize: s.VolumeSize,
    Encrypted: s.Encrypted,
    KmsKeyId: s.KmsKeyId,
    StorageTier: 'standard',
    Tags: s.Tags.length ? s.Tags : undefined,
  };
}

/** A snapshot the caller sees (its own, or shared with it), wherever it is kept. */
function requireSnapshot(ctx: CallContext, id: string | undefined): SnapshotRecord {
  if (!id || !/^snap-/.test(id) || !ID_PATTERN.test(id)) {
    throw new AwsError('InvalidSnapshotID.Malformed', `Invalid id: "${id}" (expecting "snap-...")`);
  }
  const s = locateSnapshot(ctx.sim, ctx.region, id)?.record;
  if (!s || !canSeeSnapshot(s, ctx.accountId) || hiddenByEventualConsistency(ctx.sim, s.startedAt)) {
    throw new AwsError('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`);
  }
  return s;
}

function requireOwned(ctx: CallContext, id: string | undefined): SnapshotRecord {
  const s = requireSnapshot(ctx, id);
  if (s.OwnerId !== ctx.accountId) {
    throw new AwsError('UnauthorizedOperation', `You are not authorized to perform this operation on ${id}.`);
  }
  return s;
}

export const DescribeSnapshots: Handler<DescribeSnapshotsCommandInput, DescribeSnapshotsCommandOutput> = (
  input,
  ctx,
) => {
  const now = ctx.sim.clock.nowMs();
  const ids: string[] = input.SnapshotIds ?? [];
  if (ids.length && input.MaxResults !== undefined) {
    throw new AwsError(
      'InvalidParameterCombination',
      'The parameter snapshotSet cannot be used with the parameter maxResults',
    );
  }
  const missing = ids.filter((id) => {
    try {
      requireSnapshot(ctx, id);
      return false;
    } catch (e) {
      if ((e as AwsError).code === 'InvalidSnapshotID.Malformed') throw e;
      return true;
    }
  });
  if (missing.length) {
    throw new AwsError('InvalidSnapshot.NotFound', `The snapshot '${missing.join(', ')}' does not exist.`);
  }
  const owners: string[] = (input.OwnerIds ?? []).map((o: string) => (o === 'self' ? ctx.accountId : o));
  const restorable: string[] = (input.RestorableByUserIds ?? []).map((o: string) =>
    o === 'self' ? ctx.accountId : o,
  );
  // The caller's snapshots and those other accounts share with it (or with everyone).
  const items = regionsEverywhere(ctx.sim, ctx.region)
    .flatMap(({ r }) => Object.values(r.snapshots))
    .filter((s) => canSeeSnapshot(s, ctx.accountId))
    .filter((s) => !ids.length || ids.includes(s.SnapshotId))
    .filter((s) => !hiddenByEventualConsistency(ctx.sim, s.startedAt))
    .filter(
      (s) =>
        !owners.length ||
        owners.includes(s.OwnerId) ||
        (owners.includes('amazon') && s.OwnerAlias === 'amazon'),
    )
    .filter(
      (s) =>
        !restorable.length ||
        restorable.some((u) => s.createVolumePermissions.some((p) => p.UserId === u || p.Group === 'all')),
    )
    .map((s) => snapshotOutput(s, now));
  const matched = applyFilters(items, input.Filters, {
    description: (s) => s.Description,
    encrypted: (s) => s.Encrypted,
    'owner-alias': (s) => s.OwnerAlias,
    'owner-id': (s) => s.OwnerId,
    progress: (s) => s.Progress,
    'snapshot-id': (s) => s.SnapshotId,
    'start-time': (s) => s.StartTime.toISOString(),
    status: (s) => s.State,
    'storage-tier': (s) => s.StorageTier,
    'volume-id': (s) => s.VolumeId,
    'volume-size': (s) => s.VolumeSize,
  });
  const { page, next } = paginate(matched, input, EC2_PAGING.DescribeSnapshots);
  return { Snapshots: page, NextToken: next };
};

export const DescribeSnapshotAttribute: Handler<
  DescribeSnapshotAttributeCommandInput,
  DescribeSnapshotAttributeCommandOutput
> = (input, ctx) => {
  const s = requireOwned(ctx, input.SnapshotId);
  if (input.Attribute === 'createVolumePermission') {
    return { SnapshotId: s.SnapshotId, CreateVolumePermissions: s.createVolumePermissions };
  }
  if (input.Attribute === 'productCodes') return { SnapshotId: s.SnapshotId, ProductCodes: [] };
  throw new AwsError(
    'InvalidParameterValue',
    `Value (${input.Attribute}) for parameter attribute is invalid.`,
  );
};

type Perm = { UserId?: string; Group?: 'all' };

function permissionChanges(input: Record<string, any>): { add: Perm[]; remove: Perm[] } {
  const add: Perm[] = [...(input.CreateVolumePermission?.Add ?? [])];
  const remove: Perm[] = [...(input.CreateVolumePermission?.Remove ?? [])];
  const legacy: Perm[] = [
    ...(input.UserIds ?? []).map((UserId: string) => ({ UserId })),
    ...(input.GroupNames ?? []).map((Group: 'all') => ({ Group })),
  ];
  if (legacy.length) (input.OperationType === 'remove' ? remove : add).push(...legacy);
  return { add, remove };
}

function checkPerm(p: Perm): void {
  if (p.Group !== undefined && p.Group !== 'all') {
    throw new AwsError('InvalidParameterValue', `Value (${p.Group}) for parameter group is invalid.`);
  }
  if (p.UserId !== undefined && !/^\d{12}$/.test(p.UserId)) {
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${p.UserId}) for parameter userId is invalid. Only 12-digit account ids are allowed.`,
    );
  }
  if (p.UserId === undefined && p.Group === undefined) {
    throw new AwsError('InvalidParameterValue', 'A create volume permission needs a UserId or Group.');
  }
}

export const ModifySnapshotAttribute: Handler<
  ModifySnapshotAttributeCommandInput,
  ModifySnapshotAttributeCommandOutput
> = (input, ctx) => {
  const s = requireOwned(ctx, input.SnapshotId);
  if (input.Attribute && input.Attribute !== 'createVolumePermission') {
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${input.Attribute}) for parameter attribute is invalid.`,
    );
  }
  const { add, remove } = permissionChanges(input);
  if (add.length + remove.length > MAX_SNAPSHOT_PERMISSION_CHANGES) {
    throw new AwsError(
      'InvalidParameterValue',
      `At most ${MAX_SNAPSHOT_PERMISSION_CHANGES} create volume permission changes per call.`,
    );
  }
  if (add.length && remove.length) {
    throw new AwsError(
      'InvalidParameterCombination',
      'Create volume permissions can be added or removed in one call, not both: use two calls.',
    );
  }
  if (!add.length && !remove.length) {
    throw new AwsError('MissingParameter', 'The request must contain the parameter createVolumePermission');
  }
  [...add, ...remove].forEach(checkPerm);
  if (add.some((p) => p.Group === 'all') && s.Encrypted) {
    throw new AwsError(
      'InvalidParameterValue',
      `Encrypted snapshots cannot be shared publicly: ${s.SnapshotId}`,
    );
  }
  if (add.some((p) => p.UserId) && s.Encrypted && isAwsManagedKey(ctx, s.KmsKeyId)) {
    throw new AwsError('OperationNotPermitted', 'Encrypted snapshots with EBS default key cannot be shared');
  }
  const same = (a: Perm, b: Perm) => a.UserId === b.UserId && a.Group === b.Group;
  s.createVolumePermissions = s.createVolumePermissions.filter((p) => !remove.some((x) => same(p, x)));
  for (const p of add) {
    if (!s.createVolumePermissions.some((x) => same(x, p))) {
      s.createVolumePermissions.push(p.UserId ? { UserId: p.UserId } : { Group: 'all' });
    }
  }
  return {};
};

export const ResetSnapshotAttribute: Handler<
  ResetSnapshotAttributeCommandInput,
  ResetSnapshotAttributeCommandOutput
> = (input, ctx) => {
  const s = requireOwned(ctx, input.SnapshotId);
  s.createVolumePermissions = [];
  return {};
};

export const DeleteSnapshot: Handler<DeleteSnapshotCommandInput, DeleteSnapshotCommandOutput> = (
  input,
  ctx,
) => {
  const r = regionState(ctx.sim, ctx.region);
  const s = requireOwned(ctx, input.SnapshotId);
  const usedBy = snapshotsInUse(r).get(s.SnapshotId);
  if (usedBy) {
    throw new AwsError(
      'InvalidSnapshot.InUse',
      `The snapshot ${s.SnapshotId} is currently in use by ${usedBy}`,
    );
  }
  delete r.snapshots[s.SnapshotId];
  return {};
};
