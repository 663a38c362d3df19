/**
 * JSON bodies (awsJson1_0, awsJson1_1, restJson1) read and written by the SDK's schemas: only
 * members the schema knows, timestamps as epoch seconds unless the member says otherwise.
 */
import type { NormalizedSchema } from '@smithy/core/schema';
import { EPOCH_SECONDS, formatTimestamp, parseTimestamp, timestampFormat, toBase64 } from './scalars.js';

export interface JsonOptions {
  /** restJson1 honours the `jsonName` trait; the awsJson protocols do not. */
  jsonName: boolean;
  /** Skip members bound to HTTP (restJson1 body). */
  skipBound?: boolean;
}

const BOUND = ['httpHeader', 'httpQuery', 'httpLabel', 'httpPayload', 'httpQueryParams', 'httpPrefixHeaders'];

export function isHttpBound(member: NormalizedSchema): boolean {
  const t = member.getMergedTraits() as Record<string, unknown>;
  return BOUND.some((k) => t[k] !== undefined) || t.httpResponseCode !== undefined;
}

function key(name: string, member: NormalizedSchema, opts: JsonOptions): string {
  return opts.jsonName ? ((member.getMergedTraits().jsonName as string | undefined) ?? name) : name;
}

/** Wire JSON -> SDK-shaped value (Dates, Buffers). Unknown members are dropped. */
export function readJson(ns: NormalizedSchema, value: unknown, opts: JsonOptions): any {
  if (value === null || value === undefined) return undefined;
  if (ns.isListSchema()) {
    if (!Array.isArray(value)) return undefined;
    const item = ns.getValueSchema();
    return value.map((v) => readJson(item, v, opts)).filter((v) => v !== undefined);
  }
  if (ns.isMapSchema()) {
    if (typeof value !== 'object') return undefined;
    const item = ns.getValueSchema();
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = readJson(item, v, opts);
      if (r !== undefined) out[k] = r;
    }
    return out;
  }
  if (ns.isStructSchema()) {
    if (typeof value !== 'object') return undefined;
    const out: Record<string, unknown> = {};
    for (const [name, member] of ns.structIterator()) {
      if (opts.skipBound && isHttpBound(member)) continue;
      const r = readJson(member, (value as any)[key(name, member, opts)], opts);
      if (r !== undefined) out[name] = r;
    }
    return out;
  }
  if (ns.isTimestampSchema()) return parseTimestamp(value, timestampFormat(ns, EPOCH_SECONDS));
  if (ns.isBlobSchema()) return typeof value === 'string' ? Buffer.from(value, 'base64') : undefined;
  return value;
}

/** SDK-shaped value -> wire JSON. Members the schema does not know are dropped. */
export function writeJson(ns: NormalizedSchema, value: unknown, opts: JsonOptions): unknown {
  if (value === null || value === undefined) return undefined;
  if (ns.isListSchema()) {
    if (!Array.isArray(value)) return undefined;
    const item = ns.getValueSchema();
    return value.map((v) => writeJson(item, v, opts)).filter((v) => v !== undefined);
  }
  if (ns.isMapSchema()) {
    if (typeof value !== 'object') return undefined;
    const item = ns.getValueSchema();
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const w = writeJson(item, v, opts);
      if (w !== undefined) out[k] = w;
    }
    return out;
  }
  if (ns.isStructSchema()) {
    if (typeof value !== 'object') return undefined;
    const out: Record<string, unknown> = {};
    for (const [name, member] of ns.structIterator()) {
      if (opts.skipBound && isHttpBound(member)) continue;
      const w = writeJson(member, (value as any)[name], opts);
      if (w !== undefined) out[key(name, member, opts)] = w;
    }
    return out;
  }
  if (ns.isTimestampSchema()) return formatTimestamp(value, timestampFormat(ns, EPOCH_SECONDS));
  if (ns.isBlobSchema()) return toBase64(value);
  if (ns.isBooleanSchema()) return value === true || value === 'true';
  if (ns.isNumericSchema()) return Number(value);
  if (ns.isStringSchema()) return String(value);
  return value;
}
