/** Group tags: CreateOrUpdateTags, DeleteTags, DescribeTags. */
import type {
  CreateOrUpdateTagsCommandInput,
  CreateOrUpdateTagsCommandOutput,
  DeleteTagsCommandInput,
  DeleteTagsCommandOutput,
  DescribeTagsCommandInput,
  DescribeTagsCommandOutput,
} from '@aws-sdk/client-auto-scaling';
import { AwsError, type CallContext, type Handler } from '../../core/types.js';
import { asgRegion, type GroupRecord, requireGroup } from './state.js';

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
    if (!t.Key) throw new AwsError('ValidationError', 'Tag key must not be empty');
    return { g: requireGroup(ctx, t.ResourceId), t };
  });
}

export const CreateOrUpdateTags: Handler<CreateOrUpdateTagsCommandInput, CreateOrUpdateTagsCommandOutput> = (
  input,
  ctx,
) => {
  for (const { g, t } of tagTargets(ctx, input.Tags)) {
    const tag = { Key: t.Key!, Value: t.Value ?? '', PropagateAtLaunch: !!t.PropagateAtLaunch };
    const at = g.Tags.findIndex((x) => x.Key === t.Key);
    if (at >= 0) g.Tags[at] = tag;
    else {
      if (g.Tags.length >= 50) throw new AwsError('LimitExceeded', 'The quota of 50 tags was exceeded');
      g.Tags.push(tag);
    }
  }
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
  return { Tags: items };
};
