/**
 * Tag rules every service shares (each with its own error codes): at most 50 user tags per resource,
 * keys of 1 to 128 characters, values of at most 256, and the `aws:` prefix reserved for AWS. Tags
 * with the `aws:` prefix that AWS itself puts on resources do not count toward the 50.
 */
import type { AwsError } from './types.js';

export const MAX_TAGS_PER_RESOURCE = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;

/** A tag as callers send it (the SDKs' `Tag`: both members optional). */
export interface TagInput {
  Key?: string;
  Value?: string;
}

export interface Tag {
  Key: string;
  Value: string;
}

/** How a service answers a tag that breaks the rules. */
export interface TagErrors {
  /** A key or value out of bounds, or a reserved key. */
  invalid: (message: string) => AwsError;
  /** More than 50 user tags on one resource. */
  tooMany: (count: number) => AwsError;
}

export const isAwsTag = (key: string) => key.toLowerCase().startsWith('aws:');

/** Checks one tag a caller sends; returns it with an empty value when it has none. */
export function checkTag(t: TagInput, errors: TagErrors): Tag {
  const key = t.Key ?? '';
  if (!key || key.length > MAX_TAG_KEY_LENGTH) {
    throw errors.invalid(`Tag key '${key}' is invalid: a key has 1 to ${MAX_TAG_KEY_LENGTH} characters`);
  }
  if (isAwsTag(key)) throw errors.invalid("Tag keys starting with 'aws:' are reserved for internal use");
  const value = t.Value ?? '';
  if (value.length > MAX_TAG_VALUE_LENGTH) {
    throw errors.invalid(
      `Tag value for '${key}' is invalid: a value has at most ${MAX_TAG_VALUE_LENGTH} characters`,
    );
  }
  return { Key: key, Value: value };
}

/**
 * The tags a resource would carry with `add` merged in (new values replace those of existing keys),
 * checked; nothing is changed, so a caller can check every resource of a request before changing any.
 */
export function mergeTags<T extends Tag>(
  existing: T[],
  add: TagInput[] | undefined,
  errors: TagErrors,
): Tag[] {
  const out: Tag[] = existing.map((t) => ({ ...t }));
  for (const t of (add ?? []).map((x) => checkTag(x, errors))) {
    const same = out.find((x) => x.Key === t.Key);
    if (same) same.Value = t.Value;
    else out.push(t);
  }
  const users = out.filter((t) => !isAwsTag(t.Key)).length;
  if (users > MAX_TAGS_PER_RESOURCE) throw errors.tooMany(users);
  return out;
}
