/**
 * Packer's machine-readable output (`-machine-readable`): one record per line,
 * `timestamp,target,type,data...`, with commas inside data written `%!(PACKER_COMMA)` and newlines
 * `\n`. See https://developer.hashicorp.com/packer/docs/commands#machine-readable-output
 */

export interface PackerRecord {
  timestamp: string;
  /** The build name (empty for UI lines of the whole run). */
  target: string;
  type: string;
  data: string[];
}

export function decodeField(text: string): string {
  return text.replaceAll('%!(PACKER_COMMA)', ',').replaceAll('\\n', '\n').replaceAll('\\r', '\r');
}

/** A record, or undefined for a line that is not machine-readable (plugins may print such lines). */
export function parseRecord(line: string): PackerRecord | undefined {
  const fields = line.replace(/\r$/, '').split(',');
  if (fields.length < 3 || !/^\d+$/.test(fields[0])) return undefined;
  const [timestamp, target, type, ...data] = fields;
  return { timestamp, target, type, data: data.map(decodeField) };
}

export interface Artifact {
  build: string;
  builderId?: string;
  /** region -> AMI id. */
  amis: Record<string, string>;
}

/** Collects artifacts from `artifact` records: `<n>,id,us-east-1:ami-1%!(PACKER_COMMA)eu-west-1:ami-2`. */
export class ArtifactCollector {
  private readonly byKey = new Map<string, Artifact>();

  add(record: PackerRecord): void {
    if (record.type !== 'artifact') return;
    const [index, key, ...rest] = record.data;
    const artifact = this.byKey.get(`${record.target}#${index}`) ?? { build: record.target, amis: {} };
    this.byKey.set(`${record.target}#${index}`, artifact);
    if (key === 'builder-id') artifact.builderId = rest[0];
    if (key === 'id') Object.assign(artifact.amis, this.amisOf(record));
  }

  /** region -> AMI id of an `artifact` record's `id` field; empty for any other record. */
  amisOf(record: PackerRecord): Record<string, string> {
    const [, key, ...rest] = record.data;
    const amis: Record<string, string> = {};
    if (record.type !== 'artifact' || key !== 'id') return amis;
    for (const pair of rest.join(',').split(',')) {
      const match = /^\s*([a-z]{2}(?:-[a-z]+)+-\d+):(ami-[0-9a-f]+)\s*$/.exec(pair);
      if (match) amis[match[1]] = match[2];
    }
    return amis;
  }

  get artifacts(): Artifact[] {
    return [...this.byKey.values()].filter((artifact) => Object.keys(artifact.amis).length > 0);
  }
}

/** The temporary resources Packer's amazon builders announce, so leftovers can be removed. */
export interface TemporaryResources {
  instances: string[];
  keyPairs: string[];
  securityGroups: string[];
}

const ANNOUNCEMENTS: [keyof TemporaryResources, RegExp][] = [
  ['instances', /Instance ID: (i-[0-9a-f]+)/],
  ['keyPairs', /Creating temporary keypair: (\S+)/],
  ['securityGroups', /Creating temporary security group for this instance: (\S+)/],
];

/** Adds what a UI line announces; true when it announced something new. */
export function noteTemporaryResource(message: string, found: TemporaryResources): boolean {
  for (const [kind, pattern] of ANNOUNCEMENTS) {
    const name = pattern.exec(message)?.[1];
    if (name && !found[kind].includes(name)) {
      found[kind].push(name);
      return true;
    }
  }
  return false;
}

/**
 * The source AMI a build announces as it resolves it (`    amazon-ebs: Found Image ID: ami-…`, a
 * `ui,message` of Packer's amazon builders): [build name, AMI id], or undefined.
 */
export function announcedSourceAmi(message: string): [string, string] | undefined {
  const match = /^\s*(\S+?): Found Image ID: (ami-[0-9a-f]+)\s*$/.exec(message);
  return match ? [match[1], match[2]] : undefined;
}

/**
 * The build a UI line speaks for: `==> amazon-ebs: …` or `    amazon-ebs.app: …` (Packer prefixes
 * each build's lines with its name); undefined for lines of the whole run.
 */
export function buildOfMessage(message: string): string | undefined {
  return /^(?:==> |\s+)([^\s:]+): /.exec(message)?.[1];
}

/**
 * The AMI a build announces as soon as CreateImage answered (`    amazon-ebs: AMI: ami-…`, a
 * `ui,message` of Packer's amazon builders): [build name, AMI id], or undefined.
 */
export function announcedAmi(message: string): [string, string] | undefined {
  const match = /^\s*(\S+?): AMI: (ami-[0-9a-f]+)\s*$/.exec(message);
  return match ? [match[1], match[2]] : undefined;
}
