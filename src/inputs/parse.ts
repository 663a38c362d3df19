/**
 * Parsers for the text of action inputs. Each returns the parsed value or throws a plain Error whose
 * message says what is allowed; `fields.ts` turns that into an InputError naming the input.
 */

const DURATION_UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** The literal start of AMI names (`name-prefix`): AMI names cannot hold the filter wildcards * and ?. */
export function parseNamePrefix(text: string): string {
  const prefix = text.trim();
  if (/[*?]/.test(prefix)) {
    throw new Error(
      'Use the literal start of the AMI names, without wildcards (AMI names cannot contain * or ?).',
    );
  }
  return prefix;
}

/** `90s`, `15m`, `2h`, `90d`, `1h30m`, `500ms`, or a bare number of seconds. Returns seconds. */
export function parseDuration(text: string): number {
  const value = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  const part = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)/gy;
  let seconds = 0;
  let consumed = 0;
  for (let match = part.exec(value); match; match = part.exec(value)) {
    seconds += Number(match[1]) * DURATION_UNITS[match[2]];
    consumed = part.lastIndex;
  }
  if (consumed === 0 || consumed !== value.length) {
    throw new Error('Use a duration such as 90s, 15m, 2h, 1h30m or 90d (units ms, s, m, h, d, w).');
  }
  return seconds;
}

const TRUE_WORDS = new Set(['true', 'True', 'TRUE']);
const FALSE_WORDS = new Set(['false', 'False', 'FALSE']);

/** YAML 1.2 core schema booleans, as @actions/core's getBooleanInput accepts. */
export function parseBoolean(text: string): boolean {
  const value = text.trim();
  if (TRUE_WORDS.has(value)) return true;
  if (FALSE_WORDS.has(value)) return false;
  throw new Error('Use true or false (YAML 1.2 booleans: true | True | TRUE | false | False | FALSE).');
}

/** A list input: entries separated by commas and/or newlines; blanks dropped. */
export function parseList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** An input that carries commands or key=value pairs: one entry per line, never split on commas. */
export function parseLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** `key=value` entries, one per line. The value may contain `=` and commas. */
export function parseKeyValues(text: string): [string, string][] {
  return parseLines(text).map((line) => {
    const at = line.indexOf('=');
    if (at <= 0) throw new Error(`Each line must be key=value; "${line}" is not.`);
    return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
  });
}

const REGION = /^(us|eu|ap|sa|ca|me|af|il|mx|cn|us-gov|us-iso|us-isob)-[a-z]+-\d{1,2}$/;

/** AWS region codes in every partition (aws, aws-cn, aws-us-gov). */
export function parseRegion(text: string): string {
  const value = text.trim();
  if (!REGION.test(value)) {
    throw new Error('Use an AWS region code such as us-east-1, eu-west-1, cn-north-1 or us-gov-west-1.');
  }
  return value;
}

export function partitionOf(region: string): 'aws' | 'aws-cn' | 'aws-us-gov' {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function parseAmiId(text: string): string {
  const value = text.trim();
  if (!/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(value)) {
    throw new Error('Use an AMI id: ami- followed by 8 or 17 hexadecimal digits (ami-0123456789abcdef0).');
  }
  return value;
}

export function parseAccountId(text: string): string {
  const value = text.trim();
  if (!/^\d{12}$/.test(value)) throw new Error('Use a 12-digit AWS account id such as 111122223333.');
  return value;
}

const ARN_SHAPES = {
  organization: {
    pattern: /^arn:aws[a-z-]*:organizations::\d{12}:organization\/o-[a-z0-9]{10,32}$/,
    example: 'arn:aws:organizations::123456789012:organization/o-exampleorgid',
  },
  'organizational-unit': {
    pattern: /^arn:aws[a-z-]*:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/,
    example: 'arn:aws:organizations::123456789012:ou/o-exampleorgid/ou-ab12-cdef3456',
  },
  'image-pipeline': {
    pattern: /^arn:aws[a-z-]*:imagebuilder:[a-z0-9-]+:\d{12}:image-pipeline\/[a-z0-9-_]+$/,
    example: 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/my-pipeline',
  },
  'target-group': {
    pattern: /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:targetgroup\/[\w-]+\/[0-9a-f]+$/,
    example: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/0123456789abcdef',
  },
  listener: {
    pattern:
      /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/(app|net)\/[\w-]+\/[0-9a-f]+\/[0-9a-f]+$/,
    example:
      'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/0123456789abcdef/fedcba9876543210',
  },
  'kms-key': {
    pattern:
      /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key\/[0-9a-f-]{36}|key\/mrk-[0-9a-f]{32}|alias\/[\w/-]+)$/,
    example: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  },
} as const;

export type ArnKind = keyof typeof ARN_SHAPES;

/** The region of an ARN (`arn:partition:service:region:account:resource`). */
export const regionOfArn = (arn: string): string => arn.split(':')[3];

export function parseArn(kind: ArnKind, text: string): string {
  const value = text.trim();
  const shape = ARN_SHAPES[kind];
  if (!shape.pattern.test(value)) throw new Error(`Use an ${kind} ARN such as ${shape.example}.`);
  return value;
}

/** Percentages such as `10, 50, 100`: ascending, each 1..100. */
export function parsePercentages(text: string, { endAt100 = true } = {}): number[] {
  const values = parseList(text).map(Number);
  const ascending = values.every((value, i) => i === 0 || value > values[i - 1]);
  const inRange = values.every((value) => Number.isInteger(value) && value >= 1 && value <= 100);
  if (values.length === 0 || !ascending || !inRange || (endAt100 && values[values.length - 1] !== 100)) {
    throw new Error(
      `Use ascending whole percentages from 1 to 100${endAt100 ? ', ending at 100' : ''} (e.g. 10, 50, 100).`,
    );
  }
  return values;
}

export function parseInteger(text: string, min: number, max: number): number {
  const value = Number(text.trim());
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`Use a whole number from ${min} to ${max}.`);
  }
  return value;
}

/**
 * Command-line arguments as a POSIX shell would split them, without a shell: whitespace separates,
 * single quotes keep everything, double quotes keep all but `\"` and `\\`, a backslash escapes
 * the next character. Nothing is expanded, so `$HOME` or `;` reach the program as written.
 */
export function parseArgs(text: string): string[] {
  const args: string[] = [];
  let current: string | undefined;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else current += char;
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) current += text[++i];
      else current += char;
    } else if (/\s/.test(char)) {
      if (current !== undefined) args.push(current);
      current = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
      current ??= '';
    } else if (char === '\\' && i + 1 < text.length) {
      current = (current ?? '') + text[++i];
    } else {
      current = (current ?? '') + char;
    }
  }
  if (quote) throw new Error(`A ${quote === '"' ? 'double' : 'single'} quote is not closed.`);
  if (current !== undefined) args.push(current);
  return args;
}

/** The `amis` input: a JSON object region -> AMI id, as bake and publish output it. */
export function parseAmiMap(text: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('Use a JSON object of region -> AMI id, e.g. {"us-east-1":"ami-0123456789abcdef0"}.');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length === 0) {
    throw new Error('Use a JSON object of region -> AMI id, e.g. {"us-east-1":"ami-0123456789abcdef0"}.');
  }
  const amis: Record<string, string> = {};
  for (const [region, id] of Object.entries(value)) amis[parseRegion(region)] = parseAmiId(String(id));
  return amis;
}
