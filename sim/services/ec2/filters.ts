/**
 * EC2 `Filters: [{ Name, Values }]`: a resource matches when, for every filter, one of its values
 * matches one of the filter's values. Values may use the wildcards `*` and `?`. Tag filters
 * (`tag:<key>`, `tag-key`, `tag-value`) work on every resource with `Tags`.
 */
import { AwsError } from '../../core/types.js';

/** A tag as resources and callers carry it (the SDK's `Tag`: both members optional). */
interface Tag {
  Key?: string;
  Value?: string;
}

export interface Filter {
  Name?: string;
  Values?: string[];
}

/** Filter name -> the resource's values for it (booleans and numbers as strings). */
export type FilterFields<T> = Record<string, (r: T) => unknown>;

const cache = new Map<string, RegExp>();

export function wildcard(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, 's');
    cache.set(pattern, re);
  }
  return re;
}

function asStrings(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.flatMap(asStrings);
  return [String(v)];
}

function tagValues(tags: Tag[] | undefined, name: string): string[] | undefined {
  if (name.startsWith('tag:')) {
    const key = name.slice(4);
    return (tags ?? []).filter((t) => t.Key === key).map((t) => t.Value ?? '');
  }
  if (name === 'tag-key') return (tags ?? []).map((t) => t.Key ?? '');
  if (name === 'tag-value') return (tags ?? []).map((t) => t.Value ?? '');
  return undefined;
}

/** Throws `InvalidParameterValue` for a filter name the resource type does not know, as EC2 does. */
export function checkFilters<T>(filters: Filter[] | undefined, fields: FilterFields<T>): void {
  for (const f of filters ?? []) {
    const name = f.Name ?? '';
    if (name.startsWith('tag:') || name === 'tag-key' || name === 'tag-value' || name in fields) continue;
    throw new AwsError('InvalidParameterValue', `The filter '${name}' is invalid`);
  }
}

export function matchesFilters<T extends { Tags?: Tag[] }>(
  r: T,
  filters: Filter[] | undefined,
  fields: FilterFields<T>,
): boolean {
  for (const f of filters ?? []) {
    const name = f.Name ?? '';
    const have = tagValues(r.Tags, name) ?? asStrings(fields[name]?.(r));
    const want = f.Values ?? [];
    if (!have.some((h) => want.some((w) => wildcard(w).test(h)))) return false;
  }
  return true;
}

export function applyFilters<T extends { Tags?: Tag[] }>(
  items: T[],
  filters: Filter[] | undefined,
  fields: FilterFields<T>,
): T[] {
  checkFilters(filters, fields);
  return items.filter((r) => matchesFilters(r, filters, fields));
}
