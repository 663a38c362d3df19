/**
 * Form bodies of the query protocols (ec2Query, awsQuery) decoded by the SDK's input schema: the
 * mirror image of the SDK's `QueryShapeSerializer`.
 *   ec2Query: key = `ec2QueryName`, else capitalised `xmlName` / member name; lists flattened
 *             (`ImageId.1`); an empty list sends nothing.
 *   awsQuery: key = `xmlName` / member name; lists `Name.member.N` (flattened with `xmlFlattened`);
 *             maps `Name.entry.N.key/value`; an empty list arrives as the bare `Name=`.
 */
import type { NormalizedSchema } from '@smithy/core/schema';
import { DATE_TIME, fromString } from './scalars.js';

export interface QueryOptions {
  ec2: boolean;
}

class Form {
  readonly values = new Map<string, string>();
  private readonly prefixes = new Set<string>();
  constructor(params: URLSearchParams) {
    for (const [k, v] of params) {
      this.values.set(k, v);
      for (let i = k.indexOf('.'); i >= 0; i = k.indexOf('.', i + 1)) this.prefixes.add(k.slice(0, i));
    }
  }
  /** The key itself, or anything nested under it, is present. */
  has(key: string): boolean {
    return this.values.has(key) || this.prefixes.has(key);
  }
  isPrefix(key: string): boolean {
    return this.prefixes.has(key);
  }
}

function wireKey(name: string, traits: Record<string, any>, opts: QueryOptions, capitalize: boolean): string {
  if (opts.ec2 && traits.ec2QueryName) return traits.ec2QueryName;
  const k: string = traits.xmlName ?? name;
  return opts.ec2 && capitalize ? k[0].toUpperCase() + k.slice(1) : k;
}

function read(ns: NormalizedSchema, form: Form, key: string, opts: QueryOptions): unknown {
  if (ns.isListSchema()) {
    if (!opts.ec2 && form.values.get(key) === '' && !form.isPrefix(key)) return [];
    if (!form.has(key)) return undefined;
    const item = ns.getValueSchema();
    const flat = opts.ec2 || !!ns.getMergedTraits().xmlFlattened;
    const base = flat ? key : `${key}.${wireKey('member', item.getMergedTraits(), opts, false)}`;
    const out: unknown[] = [];
    for (let i = 1; form.has(`${base}.${i}`); i++) out.push(read(item, form, `${base}.${i}`, opts));
    return out;
  }
  if (ns.isMapSchema()) {
    if (!form.has(key)) return undefined;
    const flat = !!ns.getMergedTraits().xmlFlattened;
    const k = wireKey('key', ns.getKeySchema().getMergedTraits(), opts, false);
    const v = wireKey('value', ns.getValueSchema().getMergedTraits(), opts, false);
    const out: Record<string, unknown> = {};
    for (let i = 1; ; i++) {
      const base = flat ? `${key}.${i}` : `${key}.entry.${i}`;
      const name = form.values.get(`${base}.${k}`);
      if (name === undefined) break;
      out[name] = read(ns.getValueSchema(), form, `${base}.${v}`, opts);
    }
    return out;
  }
  if (ns.isStructSchema()) {
    if (key !== '' && !form.has(key)) return undefined;
    const out: Record<string, unknown> = {};
    for (const [name, member] of ns.structIterator()) {
      const k = wireKey(name, member.getMergedTraits(), opts, true);
      const value = read(member, form, key ? `${key}.${k}` : k, opts);
      if (value !== undefined) out[name] = value;
    }
    return out;
  }
  const s = form.values.get(key);
  if (s === undefined || ns.isDocumentSchema()) return undefined;
  return fromString(ns, s, DATE_TIME);
}

/** Decodes the whole form (minus `Action` and `Version`) into the SDK-shaped input. */
export function readQuery(input: NormalizedSchema, params: URLSearchParams, opts: QueryOptions) {
  return (read(input, new Form(params), '', opts) ?? {}) as Record<string, any>;
}
