/** Tags on parameters: AddTagsToResource, RemoveTagsFromResource, ListTagsForResource. */
import type {
  AddTagsToResourceCommandInput,
  AddTagsToResourceCommandOutput,
  ListTagsForResourceCommandInput,
  ListTagsForResourceCommandOutput,
  RemoveTagsFromResourceCommandInput,
  RemoveTagsFromResourceCommandOutput,
} from '@aws-sdk/client-ssm';
import { AwsError, type CallContext, type Handler } from '../../core/types.js';
import { lookup } from './parameter-store.js';
import type { ParameterRecord, Tag } from './state.js';

export const MAX_TAGS = 50;

/** Merges `add` into `tags` (validated), returning the new list. */
export function checkTags(tags: Tag[], add: { Key?: string; Value?: string }[] | undefined): Tag[] {
  const out = tags.map((t) => ({ ...t }));
  for (const t of add ?? []) {
    const key = t.Key ?? '';
    if (!key || key.length > 128 || /^aws:/i.test(key)) {
      throw new AwsError('ValidationException', `Tag key ${key} is not valid.`);
    }
    const existing = out.find((x) => x.Key === key);
    if (existing) existing.Value = t.Value ?? '';
    else out.push({ Key: key, Value: t.Value ?? '' });
  }
  if (out.length > MAX_TAGS)
    throw new AwsError('TooManyTagsError', `A resource can have at most ${MAX_TAGS} tags.`);
  return out;
}

function target(input: Record<string, any>, ctx: CallContext): ParameterRecord {
  if (input.ResourceType !== 'Parameter') {
    throw new AwsError(
      'InvalidResourceType',
      `The resource type ${input.ResourceType} is not supported by the simulator.`,
    );
  }
  const id = String(input.ResourceId ?? '');
  const p =
    lookup(ctx.sim, ctx.region, id) ??
    (id.startsWith('/') ? undefined : lookup(ctx.sim, ctx.region, `/${id}`));
  if (!p || p.public)
    throw new AwsError(
      'InvalidResourceId',
      `The resource ID ${id} is not valid. Verify the ID and try again.`,
    );
  return p;
}

export const AddTagsToResource: Handler<AddTagsToResourceCommandInput, AddTagsToResourceCommandOutput> = (
  input,
  ctx,
) => {
  const p = target(input, ctx);
  p.Tags = checkTags(p.Tags, input.Tags);
  return {};
};

export const RemoveTagsFromResource: Handler<
  RemoveTagsFromResourceCommandInput,
  RemoveTagsFromResourceCommandOutput
> = (input, ctx) => {
  const p = target(input, ctx);
  const keys: string[] = input.TagKeys ?? [];
  p.Tags = p.Tags.filter((t) => !keys.includes(t.Key));
  return {};
};

export const ListTagsForResource: Handler<
  ListTagsForResourceCommandInput,
  ListTagsForResourceCommandOutput
> = (input, ctx) => {
  return { TagList: target(input, ctx).Tags };
};
