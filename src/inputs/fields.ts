/**
 * Schema building blocks for action inputs. Every field starts from the input's raw text (the runner
 * hands all inputs over as strings) and parses it with the shared parsers, so a bad value fails with
 * the parser's explanation of what is allowed.
 */

import {
  type ArnKind,
  parseAccountId,
  parseAmiId,
  parseAmiMap,
  parseArgs,
  parseArn,
  parseBoolean,
  parseDuration,
  parseInteger,
  parseKeyValues,
  parseLines,
  parseList,
  parseNamePrefix,
  parsePercentages,
  parseRegion,
} from './parse.js';
import * as z from './schema.js';

/** A field parsed from the input's text by `parse`, whose error message says what is allowed. */
export function fromText<T>(parse: (text: string) => T) {
  return z.string().transform((text, ctx): T => {
    try {
      return parse(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });
}

function listOf<T>(parseOne: (text: string) => T, { unique = true } = {}) {
  return fromText((text) => {
    const values = parseList(text).map(parseOne);
    return unique ? [...new Set(values)] : values;
  });
}

export const field = {
  text: () => z.string(),
  args: () => fromText(parseArgs),
  duration: () => fromText(parseDuration),
  boolean: () => fromText(parseBoolean),
  region: () => fromText(parseRegion),
  regions: () => listOf(parseRegion),
  amiId: () => fromText(parseAmiId),
  namePrefix: () => fromText(parseNamePrefix),
  amiMap: () => fromText(parseAmiMap),
  accountIds: () => listOf(parseAccountId),
  list: () => listOf((text) => text),
  lines: () => fromText(parseLines),
  keyValues: () => fromText(parseKeyValues),
  arn: (kind: ArnKind) => fromText((text) => parseArn(kind, text)),
  arns: (kind: ArnKind) => listOf((text) => parseArn(kind, text)),
  percentages: (options?: { endAt100?: boolean }) => fromText((text) => parsePercentages(text, options)),
  integer: (min: number, max: number) => fromText((text) => parseInteger(text, min, max)),
  choice: <const T extends readonly [string, ...string[]]>(values: T) =>
    fromText((text): T[number] => {
      const value = text.trim();
      if (!values.includes(value)) throw new Error(`Use one of: ${values.join(', ')}.`);
      return value as T[number];
    }),
};
