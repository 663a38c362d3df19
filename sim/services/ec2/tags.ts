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
import { paginate } from '../../core/pagination.js';
import {
  MAX_TAGS_PER_RESOURCE,
  mergeTags,
  type Tag,
  type TagErrors,
  type TagInput,
} from '../../core/tags.js';
import { AwsError, type Handler } from '../../core/types.js';
import { applyFilters } from './filters.js';
import { EC2_PAGING } from './limits.js';
import { regionState } from './region.js';
import type { Ec2Region } from './state.js';

export type { TagInput };

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

/** EC2's answers to tags that break the shared rules (EC2 API error codes). */
export const EC2_TAG_ERRORS: TagErrors = {
  invalid: (message) => new AwsError('InvalidParameterValue', message),
  tooMany: () =>
    new AwsError(
      'TagLimitExceeded',
      `The maximum number of tags per resource is ${MAX_TAGS_PER_RESOURCE} (aws: tags do not count)`,
    ),
};

/** At most this many resource ids in one CreateTags or DeleteTags call. */
export const MAX_TAG_RESOURCES = 1000;

export function findTaggable(r: Ec2Region, id: string): Tagged {
  const prefix = id.split('-')[0];
  const kind = KINDS[prefix];
  if (!kind || !/^[a-z]+-[0-9a-f]+$/.test(id)) throw new AwsError('InvalidID', `The ID '${id}' is not valid`);
  const coll = r[kind.coll] as Record<string, Tagged>;
  const res = coll[id];
  if (!res) throw new AwsError(kind.notFound, `The ID '${id}' does not exist`);
  return res;
}

/** Sets tags (replacing values of existing keys), or throws leaving the resource unchanged. */
export function setTags(res: Tagged, tags: TagInput[] | undefined): void {
  res.Tags = mergeTags(res.Tags, tags, EC2_TAG_ERRORS);
}

/** Checks that a resource created with `tags` (AWS's `aws:` tags included) stays within the limit. */
export function checkTagCount(tags: Tag[]): void {
  mergeTags(tags, [], EC2_TAG_ERRORS);
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

function checkResourceCount(ids: string[]): void {
  if (ids.length > MAX_TAG_RESOURCES) {
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${ids.length}) for parameter resourceIdSet is invalid: at most ${MAX_TAG_RESOURCES} resource IDs per request.`,
    );
  }
}

export const CreateTags: Handler<CreateTagsCommandInput, CreateTagsCommandOutput> = (input, ctx) => {
  const r = regionState(ctx.sim, ctx.region);
  const ids: string[] = input.Resources ?? [];
  if (!ids.length)
    throw new AwsError('MissingParameter', 'The request must contain the parameter resourceIdSet');
  checkResourceCount(ids);
  const targets = ids.map((id) => findTaggable(r, id));
  // All or nothing: every resource's new tag set is checked before any resource changes.
  const merged = targets.map((t) => mergeTags(t.Tags, input.Tags, EC2_TAG_ERRORS));
  targets.forEach((t, k) => {
    t.Tags = merged[k];
  });
  return {};
};

export const DeleteTags: Handler<DeleteTagsCommandInput, DeleteTagsCommandOutput> = (input, ctx) => {
  const r = regionState(ctx.sim, ctx.region);
  const ids: string[] = input.Resources ?? [];
  checkResourceCount(ids);
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
  const { page, next } = paginate(matched, input, EC2_PAGING.DescribeTags);
  return { Tags: page, NextToken: next };
};
