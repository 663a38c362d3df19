/**
 * The fingerprint of a bake: the base AMI it starts from, and a hash of everything else it reads
 * (template files, var-files, vars, the files the provisioners name, the Image Builder recipe and its
 * components). Every baked AMI carries it in tags, so a later bake with the same fingerprint can reuse
 * the AMI instead of building it again, and one with another can say what changed.
 *
 * Tags hold 256 characters and an AMI 50 tags, so the per-input listing is compact: 12 hex characters
 * an input (6 of a hash of its name, 6 of a hash of its content), 21 inputs a tag, in at most
 * `MAX_LISTING_TAGS` tags. The names themselves are not stored: the next bake knows its own inputs'
 * names and finds them by the name hash. The first listing tag starts with the number of inputs, so
 * a listing cut short (too many inputs, too few free tags) is known to be incomplete.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { LIMITS } from '../../aws/limits.js';
import { continuedKey, TAG, type Tags } from '../../tags.js';

/** One input of the bake: `template app.pkr.hcl`, `file scripts/setup.sh`, `vars`, `component <arn>`. */
export interface InputEntry {
  name: string;
  /** sha256 hex of its content (or `missing`). */
  hash: string;
}

export const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** A file's content hash, a directory's (every file in it, by relative path), or `missing`. */
export function hashPath(path: string): string {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 'missing';
  if (!stat.isDirectory()) return sha256(readFileSync(path));
  const lines: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const entry = statSync(full, { throwIfNoEntry: false });
      if (entry?.isDirectory()) walk(full);
      else if (entry) lines.push(`${relative(path, full)}\t${sha256(readFileSync(full))}`);
    }
  };
  walk(path);
  return sha256(lines.join('\n'));
}

/** How a path is named in the listing and the summary: relative to the workspace when inside it. */
export function workspaceName(path: string, workspace: string): string {
  const rel = relative(workspace, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

export function isInside(path: string, workspace: string): boolean {
  const rel = relative(workspace, path);
  return !rel.startsWith('..') && !isAbsolute(rel);
}

/** The `ami-action:inputs-hash` value: one hash over every input, in name order. */
export function inputsHash(entries: InputEntry[]): string {
  return sha256(
    [...entries]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((entry) => `${entry.name}\t${entry.hash}\n`)
      .join(''),
  );
}

const ITEM = 12;
const half = (text: string) => sha256(text).slice(0, ITEM / 2);
const item = (entry: InputEntry) => `${half(entry.name)}${half(entry.hash)}`;

/** At most this many listing tags (84 inputs); fewer when the AMI has fewer tags free. */
export const MAX_LISTING_TAGS = 4;

const listingKey = (index: number) => continuedKey(TAG.inputsFiles, index);

/** The listing tags for `entries`, in at most `maxTags` tags. */
export function listingTags(entries: InputEntry[], maxTags = MAX_LISTING_TAGS): Tags {
  const items = [...entries].sort((a, b) => a.name.localeCompare(b.name)).map(item);
  const tags: Tags = {};
  let at = 0;
  for (let index = 0; index < maxTags && at < items.length; index++) {
    const head = index === 0 ? `${entries.length}:` : '';
    const fit = Math.floor((LIMITS.tagValueLength - head.length) / ITEM);
    tags[listingKey(index)] = head + items.slice(at, at + fit).join('');
    at += fit;
  }
  return tags;
}

interface Listing {
  /** name hash -> content hash. */
  items: Map<string, string>;
  complete: boolean;
}

function readListing(tags: Tags): Listing | undefined {
  const first = /^(\d+):((?:[0-9a-f]{12})*)$/.exec(tags[TAG.inputsFiles] ?? '');
  if (!first) return undefined;
  let body = first[2];
  for (let index = 1; tags[listingKey(index)] !== undefined; index++) body += tags[listingKey(index)];
  const items = new Map<string, string>();
  for (let at = 0; at + ITEM <= body.length; at += ITEM) {
    items.set(body.slice(at, at + ITEM / 2), body.slice(at + ITEM / 2, at + ITEM));
  }
  return { items, complete: items.size >= Number(first[1]) };
}

/** What differs between the inputs an earlier AMI was baked from (its tags) and `entries`, in words. */
export function describeInputChanges(earlier: Tags, entries: InputEntry[]): string {
  const listing = readListing(earlier);
  if (!listing) return 'the inputs hash changed (the earlier AMI lists no inputs to compare)';
  const changed: string[] = [];
  const added: string[] = [];
  const unknown: string[] = [];
  const current = new Set<string>();
  for (const entry of entries) {
    const key = half(entry.name);
    current.add(key);
    const was = listing.items.get(key);
    if (was === undefined) (listing.complete ? added : unknown).push(entry.name);
    else if (was !== half(entry.hash)) changed.push(entry.name);
  }
  const removed = [...listing.items.keys()].filter((key) => !current.has(key)).length;
  const parts = [
    changed.length ? `changed: ${changed.join(', ')}` : '',
    added.length ? `new: ${added.join(', ')}` : '',
    removed ? `${removed} input(s) no longer read` : '',
    unknown.length ? `not listed on the earlier AMI (changed or new): ${unknown.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? `inputs ${parts.join('; ')}` : 'the inputs hash changed';
}
