/** Identifiers derived from what names a resource, so the same scenario always yields the same ids. */
import { createHash } from 'node:crypto';

/** The first `length` hex digits of the SHA-256 of the parts joined by `/`. */
export function stableHex(parts: string[], length: number): string {
  return createHash('sha256').update(parts.join('/')).digest('hex').slice(0, length);
}

/** A version-4-shaped UUID derived from `text` (KMS key ids). */
export function stableUuid(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
