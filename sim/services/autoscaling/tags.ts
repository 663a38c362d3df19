/** Group tags: CreateOrUpdateTags, DeleteTags, DescribeTags. */
import type {
  CreateOrUpdateTagsCommandInput,
  CreateOrUpdateTagsCommandOutput,
  DeleteTagsCommandInput,
  DeleteTagsCommandOutput,
  DescribeTagsCommandInput,
  DescribeTagsCommandOutput,
} from '@aws-sdk/client-auto-scaling';
import { paginate } from '../../core/pagination.js';
import { checkTag, isAwsTag, MAX_TAGS_PER_RESOURCE, type TagErrors } from '../../core/tags.js';
import { AwsError, type CallContext, type Handler } from '../../core/types.js';
import { ASG_PAGING } from './limits.js';
import { asgRegion, type GroupRecord, requireGroup } from './state.js';

type GroupTag = GroupRecord['Tags'][number];

/** Auto Scaling's answers to tags that break the shared rules. */
export const ASG_TAG_ERRORS: TagErrors = {
  invalid: (message) => new AwsError('ValidationError', message),
  tooMany: () => new AwsError('LimitExceeded', `The quota of ${MAX_TAGS_PER_RESOURCE} tags was exceeded`),
};

/** A group's tags, checked against the per-group limit (`aws:` tags do not count). */
export function checkGroupTags(tags: GroupTag[]): GroupTag[] {
  if (tags.filter((t) => !isAwsTag(t.Key)).length > MAX_TAGS_PER_RESOURCE) throw ASG_TAG_ERRORS.tooMany(0);
  return tags;
}

interface TagInput {
  ResourceId?: string;
  ResourceType?: string;
  Key?: string;
  Value?: string;
  PropagateAtLaunch?: boolean;
}

function tagTargets(ctx: CallContext, tags: unknown): { g: GroupRecord; t: TagInput }[] {
  const list = (tags ?? []) as TagInput[];
  if (!list.length) throw new AwsError('ValidationError', 'Tags must contain at least one tag');
  return list.map((t) => {
    if (t.ResourceType && t.ResourceType !== 'auto-scaling-group') {
      throw new AwsError('ValidationError', `Invalid resource type: ${t.ResourceType}`);
    }
    return { g: requireGroup(ctx, t.ResourceId), t };
  });
}

export const CreateOrUpdateTags: Handler<CreateOrUpdateTagsCommandInput, CreateOrUpdateTagsCommandOutput> = (
  input,
  ctx,
) => {
  // All or nothing: every group's new tags are checked before any group changes.
  const next = new Map<GroupRecord, GroupTag[]>();
  for (const { g, t } of tagTargets(ctx, input.Tags)) {
    const tags = next.get(g) ?? g.Tags.map((x) => ({ ...x }));
    const { Key, Value } = checkTag(t, ASG_TAG_ERRORS);
    const tag = { Key, Value, PropagateAtLaunch: !!t.PropagateAtLaunch };
    const at = tags.findIndex((x) => x.Key === Key);
    if (at >= 0) tags[at] = tag;
    else tags.push(tag);
    next.set(g, checkGroupTags(tags));
  }
  for (const [g, tags] of next) g.Tags = tags;
  return {};
};

export const DeleteTags: Handler<DeleteTagsCommandInput, DeleteTagsCommandOutput> = (input, ctx) => {
  for (const { g, t } of tagTargets(ctx, input.Tags)) {
    g.Tags = g.Tags.filter((x) => x.Key !== t.Key || (t.Value !== undefined && x.Value !== t.Value));
  }
  return {};
};

export const DescribeTags: Handler<DescribeTagsCommandInput, DescribeTagsCommandOutput> = (input, ctx) => {
  const all = Object.values(asgRegion(ctx.sim, ctx.region).groups).flatMap((g) =>
    g.Tags.map((t) => ({
      ResourceId: g.AutoScalingGroupName,
      ResourceType: 'auto-scaling-group',
      ...t,
    })),
  );
  let items = all;
  for (const f of (input.Filters ?? []) as { Name?: string; Values?: string[] }[]) {
    const values = f.Values ?? [];
    const pick: Record<string, (t: (typeof all)[number]) => string> = {
      'auto-scaling-group': (t) => t.ResourceId,
      key: (t) => t.Key,
      value: (t) => t.Value,
      'propagate-at-launch': (t) => String(t.PropagateAtLaunch),
    };
    const get = pick[f.Name ?? ''];
    if (!get) throw new AwsError('ValidationError', `Filter name '${f.Name}' is not valid`);
    items = items.filter((t) => values.includes(get(t)));
  }
  const { page, next } = paginate(items, input, ASG_PAGING.DescribeTags);
  return { Tags: page, NextToken: next };
};
