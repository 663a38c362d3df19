/** Scalar conversions shared by the codecs: timestamps, blobs, XML text. */
import type { NormalizedSchema } from '@smithy/core/schema';

/** Smithy timestamp formats, as the SDK numbers them. */
export const DATE_TIME = 5;
export const HTTP_DATE = 6;
export const EPOCH_SECONDS = 7;

/** The member's `timestampFormat` trait (schema 5/6/7), else the protocol's default. */
export function timestampFormat(ns: NormalizedSchema, fallback: number): number {
  const s = ns.getSchema() as unknown;
  return s === DATE_TIME || s === HTTP_DATE || s === EPOCH_SECONDS ? (s as number) : fallback;
}

/** Handlers may return timestamps as Date, ISO string or epoch milliseconds. */
export function toDate(v: unknown): Date | undefined {
  if (v instanceof Date) return v;
  if (typeof v === 'string' || typeof v === 'number') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}

export function formatTimestamp(v: unknown, format: number): string | number | undefined {
  const d = toDate(v);
  if (!d) return undefined;
  if (format === EPOCH_SECONDS) return d.getTime() / 1000;
  if (format === HTTP_DATE) return d.toUTCString();
  return d.toISOString();
}

export function parseTimestamp(v: unknown, format: number): Date | undefined {
  if (v instanceof Date) return v;
  if (typeof v === 'number') return new Date(v * 1000);
  if (typeof v !== 'string' || v === '') return undefined;
  if (format === EPOCH_SECONDS && /^-?\d+(\.\d+)?$/.test(v)) return new Date(Number(v) * 1000);
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function toBase64(v: unknown): string {
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  return Buffer.from(String(v)).toString('base64');
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A string value read from the wire, typed by its schema. */
export function fromString(ns: NormalizedSchema, s: string, tsFormat: number): unknown {
  if (ns.isBooleanSchema()) return s === 'true';
  if (ns.isNumericSchema()) return Number(s);
  if (ns.isTimestampSchema()) return parseTimestamp(s, timestampFormat(ns, tsFormat));
  if (ns.isBlobSchema()) return Buffer.from(s, 'base64');
  return s;
}
