/** Tags on every EC2 resource: CreateTags, DeleteTags, DescribeTags and `TagSpecifications`. */
import type {
  CreateTagsCommandInput,
  CreateTagsCommandOutput,
  DeleteTagsCommandInput,
  DeleteTagsCommandOutput,
  DescribeTagsCommandInput,
  DescribeTagsCommandOutput,
  ResourceType,
  TagDescription,
} from '@aws-sdk/client-ec2';
import { EC2_PAGES, pages, paginate } from '../../core/pagination.js';
import { AwsError, type Handler } from '../../core/types.js';
import { applyFilters } from './filters.js';
import { regionState } from './region.js';
import type { Ec2Region, Tag } from './state.js';

/** A tag as callers send it (the SDK's `Tag`: both members optional). */
export interface TagInput {
  Key?: string;
  Value?: string;
}

interface Tagged {
  Tags: Tag[];
}

/** Resource id prefix -> region collection, DescribeTags resource type and not-found code. */
const KINDS: Record<string, { coll: keyof Ec2Region; type: ResourceType; notFound: string }> = {
  ami: { coll: 'images', type: 'image', notFound: 'InvalidAMIID.NotFound' },
  snap: { coll: 'snapshots', type: 'snapshot', notFound: 'InvalidSnapshot.NotFound' },
  vol: { coll: 'volumes', type: 'volume', notFound: 'InvalidVolume.NotFound' },
  i: { coll: 'instances', type: 'instance', notFound: 'InvalidInstanceID.NotFound' },
  vpc: { coll: 'vpcs', type: 'vpc', notFound: 'InvalidVpcID.NotFound' },
  subnet: { coll: 'subnets', type: 'subnet', notFound: 'InvalidSubnetID.NotFound' },
  sg: { coll: 'securityGroups', type: 'security-group', notFound: 'InvalidGroup.NotFound' },
  key: { coll: 'keyPairs', type: 'key-pair', notFound: 'InvalidKeyPair.NotFound' },
};

const MAX_TAGS = 50;

export function findTaggable(r: Ec2Region, id: string): Tagged {
  const prefix = id.split('-')[0];
  const kind = KINDS[prefix];
  if (!kind || !/^[a-z]+-[0-9a-f]+$/.test(id)) throw new AwsError('InvalidID', `The ID '${id}' is not valid`);
  const coll = r[kind.coll] as Record<string, Tagged>;
  const res = coll[id];
  if (!res) throw new AwsError(kind.notFound, `The ID '${id}' does not exist`);
  return res;
}

function checkTag(t: TagInput): Tag {
  const key = t.Key ?? '';
  if (!key || key.length > 128) throw new AwsError('InvalidParameterValue', `Tag key '${key}' is invalid`);
  if (key.toLowerCase().startsWith('aws:')) {
    throw new AwsError(
      'InvalidParameterValue',
      `Tag keys starting with 'aws:' are reserved for internal use`,
    );
  }
  const value = t.Value ?? '';
  if (value.length > 256) throw new AwsError('InvalidParameterValue', `Tag value for '${key}' is too long`);
  return { Key: key, Value: value };
}

/** Sets tags (replacing values of existing keys). */
export function setTags(res: Tagged, tags: TagInput[] | undefined): void {
  for (const t of (tags ?? []).map(checkTag)) {
    const existing = res.Tags.find((x) => x.Key === t.Key);
    if (existing) existing.Value = t.Value;
    else res.Tags.push(t);
  }
  if (res.Tags.length > MAX_TAGS) {
    throw new AwsError('TagLimitExceeded', `The maximum number of tags per resource is ${MAX_TAGS}`);
  }
}

/** The tags a `TagSpecifications` list gives one resource type (validated, deduplicated by key). */
export function tagsFor(
  specs: { ResourceType?: string; Tags?: TagInput[] }[] | undefined,
  type: string,
): Tag[] {
  const out: Tagged = { Tags: [] };
  for (const s of specs ?? []) if (s.ResourceType === type) setTags(out, s.Tags);
  return out.Tags;
}

/** Rejects TagSpecifications naming a resource type the operation does not create. */
export function checkTagSpecTypes(specs: { ResourceType?: string }[] | undefined, allowed: string[]): void {
  for (const s of specs ?? []) {
    if (!allowed.includes(s.ResourceType ?? '')) {
      throw new AwsError(
        'InvalidParameterValue',
        `'${s.ResourceType}' is not a valid taggable resource type for this operation.`,
      );
    }
  }
}

export const CreateTags: Handler<CreateTagsCommandInput, CreateTagsCommandOutput> = (input, ctx) => {
  const r = regionState(ctx.sim, ctx.region);
  const ids: string[] = input.Resources ?? [];
  if (!ids.length)
    throw new AwsError('MissingParameter', 'The request must contain the parameter resourceIdSet');
  const targets = ids.map((id) => findTaggable(r, id));
  for (const t of targets) setTags(t, input.Tags);
  return {};
};

export const DeleteTags: Handler<DeleteTagsCommandInput, DeleteTagsCommandOutput> = (input, ctx) => {
  const r = regionState(ctx.sim, ctx.region);
  const ids: string[] = input.Resources ?? [];
  for (const res of ids.map((id) => findTaggable(r, id))) {
    const remove = input.Tags;
    if (!remove?.length) {
      res.Tags = [];
      continue;
    }
    // A tag with a value removes only when the value matches; a key alone removes the key.
    res.Tags = res.Tags.filter(
      (t) => !remove.some((x) => x.Key === t.Key && (x.Value === undefined || x.Value === t.Value)),
    );
  }
  return {};
};

type TagRow = TagDescription & { Key: string; Value: string; Tags?: undefined };

export const DescribeTags: Handler<DescribeTagsCommandInput, DescribeTagsCommandOutput> = (input, ctx) => {
  const r = regionState(ctx.sim, ctx.region);
  const rows: TagRow[] = [];
  for (const kind of Object.values(KINDS)) {
    for (const [id, res] of Object.entries(r[kind.coll] as Record<string, Tagged & { seeded?: boolean }>)) {
      if (res.seeded) continue;
      for (const t of res.Tags)
        rows.push({ ResourceId: id, ResourceType: kind.type, Key: t.Key, Value: t.Value });
    }
  }
  const matched = applyFilters(rows, input.Filters, {
    'resource-id': (x) => x.ResourceId,
    'resource-type': (x) => x.ResourceType,
    key: (x) => x.Key,
    value: (x) => x.Value,
  });
  const { page, next } = paginate(matched, input, pages(EC2_PAGES, 5, 1000));
  return { Tags: page, NextToken: next };
};
