/** Tags on parameters: AddTagsToResource, RemoveTagsFromResource, ListTagsForResource. */
import type {
  AddTagsToResourceCommandInput,
  AddTagsToResourceCommandOutput,
  ListTagsForResourceCommandInput,
  ListTagsForResourceCommandOutput,
  RemoveTagsFromResourceCommandInput,
  RemoveTagsFromResourceCommandOutput,
} from '@aws-sdk/client-ssm';
import { MAX_TAGS_PER_RESOURCE, mergeTags, type TagErrors, type TagInput } from '../../core/tags.js';
import { AwsError, type CallContext, type Handler } from '../../core/types.js';
import { lookup } from './parameter-store.js';
import type { ParameterRecord, Tag } from './state.js';

/** Systems Manager's answers to tags that break the shared rules. */
const SSM_TAG_ERRORS: TagErrors = {
  invalid: (message) => new AwsError('ValidationException', message),
  tooMany: () =>
    new AwsError('TooManyTagsError', `A resource can have at most ${MAX_TAGS_PER_RESOURCE} tags.`),
};

/** Merges `add` into `tags` (validated), returning the new list; `tags` is left as it is. */
export function checkTags(tags: Tag[], add: TagInput[] | undefined): Tag[] {
  return mergeTags(tags, add, SSM_TAG_ERRORS);
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
