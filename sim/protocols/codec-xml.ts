/**
 * XML response members written by the SDK's output schema: the mirror image of the SDK's
 * `XmlShapeDeserializer`. Element = the member's `xmlName` trait or its name (EC2: lowerCamel
 * `imagesSet`); list entries = the list member's `xmlName` or `member` (EC2: `item`); flattened
 * lists and maps repeat the member element; maps use `<entry><key/><value/></entry>`.
 */
import type { NormalizedSchema } from '@smithy/core/schema';
import { DATE_TIME, escapeXml, formatTimestamp, timestampFormat, toBase64 } from './scalars.js';

function tag(name: string, inner: string): string {
  return inner === '' ? `<${name}/>` : `<${name}>${inner}</${name}>`;
}

function mapEntries(ns: NormalizedSchema, value: Record<string, unknown>): string[] {
  const k = (ns.getKeySchema().getMergedTraits().xmlName as string | undefined) ?? 'key';
  const v = (ns.getValueSchema().getMergedTraits().xmlName as string | undefined) ?? 'value';
  return Object.entries(value)
    .filter(([, val]) => val != null)
    .map(([key, val]) => tag(k, escapeXml(key)) + tag(v, writeXmlValue(ns.getValueSchema(), val)));
}

/** The members of a structure, as a sequence of elements. */
export function writeXmlMembers(ns: NormalizedSchema, value: unknown): string {
  if (!value || typeof value !== 'object') return '';
  let out = '';
  for (const [name, member] of ns.structIterator()) {
    const v = (value as any)[name];
    if (v == null) continue;
    const element = (member.getMemberTraits().xmlName as string | undefined) ?? name;
    const flat = !!member.getMergedTraits().xmlFlattened;
    if (flat && member.isListSchema() && Array.isArray(v)) {
      for (const item of v)
        if (item != null) out += tag(element, writeXmlValue(member.getValueSchema(), item));
    } else if (flat && member.isMapSchema()) {
      for (const entry of mapEntries(member, v)) out += tag(element, entry);
    } else {
      out += tag(element, writeXmlValue(member, v));
    }
  }
  return out;
}

export function writeXmlValue(ns: NormalizedSchema, value: unknown): string {
  if (ns.isListSchema()) {
    if (!Array.isArray(value)) return '';
    const item = ns.getValueSchema();
    const element = (item.getMergedTraits().xmlName as string | undefined) ?? 'member';
    return value
      .filter((v) => v != null)
      .map((v) => tag(element, writeXmlValue(item, v)))
      .join('');
  }
  if (ns.isMapSchema()) {
    return value && typeof value === 'object'
      ? mapEntries(ns, value as Record<string, unknown>)
          .map((e) => tag('entry', e))
          .join('')
      : '';
  }
  if (ns.isStructSchema()) return writeXmlMembers(ns, value);
  if (ns.isTimestampSchema()) {
    return escapeXml(String(formatTimestamp(value, timestampFormat(ns, DATE_TIME)) ?? ''));
  }
  if (ns.isBlobSchema()) return toBase64(value);
  if (ns.isBooleanSchema()) return value === true || value === 'true' ? 'true' : 'false';
  if (ns.isNumericSchema()) return String(Number(value));
  return escapeXml(typeof value === 'object' ? JSON.stringify(value) : String(value));
}
