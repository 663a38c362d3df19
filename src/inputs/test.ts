import { amiFields, commandTimeout, commonFields, parameterName, requireAmi } from './common.js';
import { field, fromText } from './fields.js';
import { parseBoolean, parseDuration, parseInteger, parseList } from './parse.js';
import * as z from './schema.js';

function parsePorts(text: string): number[] {
  return [...new Set(parseList(text).map((port) => parseInteger(port, 1, 65535)))];
}

/** Inspector's severities, as the gate names them (lower case) and Inspector spells them. */
export const GATE_SEVERITIES = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
  informational: 'INFORMATIONAL',
  untriaged: 'UNTRIAGED',
} as const;
export type GateSeverity = (typeof GATE_SEVERITIES)[keyof typeof GATE_SEVERITIES];

/** `critical=0,high=5,fixable-only=true`: at most this many findings of each named severity. */
export interface VulnerabilityGate {
  /** Severity -> the most findings allowed (severities not named are not limited). */
  limits: Partial<Record<GateSeverity, number>>;
  /** Count only findings with a fix available (Inspector's fixAvailable YES or PARTIAL). */
  fixableOnly: boolean;
  /** As given, for messages. */
  text: string;
}

export function parseVulnerabilityGate(text: string): VulnerabilityGate {
  const gate: VulnerabilityGate = { limits: {}, fixableOnly: false, text: parseList(text).join(',') };
  const seen = new Set<string>();
  for (const entry of parseList(text)) {
    const at = entry.indexOf('=');
    const key = (at > 0 ? entry.slice(0, at) : entry).trim().toLowerCase();
    const value = at > 0 ? entry.slice(at + 1).trim() : '';
    if (seen.has(key)) throw new Error(`${key} is given twice.`);
    seen.add(key);
    if (key === 'fixable-only') gate.fixableOnly = parseBoolean(value);
    else if (key in GATE_SEVERITIES) {
      gate.limits[GATE_SEVERITIES[key as keyof typeof GATE_SEVERITIES]] = parseInteger(value, 0, 100_000);
    } else {
      throw new Error(
        `"${entry}" is not a limit: use severity=count (${Object.keys(GATE_SEVERITIES).join(', ')}) and optionally fixable-only=true, e.g. critical=0,high=5,fixable-only=true.`,
      );
    }
  }
  if (Object.keys(gate.limits).length === 0) {
    throw new Error('Name at least one severity limit, e.g. critical=0,high=5.');
  }
  return gate;
}

/** `+25%` (slower by at most a quarter) or `+30s` (by at most 30 seconds) than the baseline. */
export type BootTimeGate = { percent: number; text: string } | { seconds: number; text: string };

export function parseBootTimeGate(text: string): BootTimeGate {
  const value = text.trim();
  const percent = /^\+?(\d+(?:\.\d+)?)\s*%$/.exec(value);
  if (percent) return { percent: Number(percent[1]), text: `+${percent[1]}%` };
  const duration = /^\+?\s*(.+)$/.exec(value)?.[1] ?? '';
  try {
    const seconds = parseDuration(duration);
    if (!/[a-z]/i.test(duration)) throw new Error('no unit');
    return { seconds, text: `+${duration}` };
  } catch {
    throw new Error(
      'Use how much slower the boot may be than the baseline: a percentage (+25%) or a duration (+30s).',
    );
  }
}

const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;
/** Each instance type is its own instance: more at once gets costly and slow to launch. */
export const MAX_INSTANCE_TYPES = 10;

/** Security groups per network interface: 5 by default, a quota that can be raised to at most 16. */
export const MAX_SECURITY_GROUPS = 16;
const BUCKET = /^(?!xn--)(?!.*-s3alias$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/(mrk-[0-9a-f]{32}|[0-9a-f-]{36})$/;

/** Built when its mode runs: the other modes' schemas are never constructed. */
export const testInputs = () =>
  z
    .object({
      ...commonFields({ timeoutSeconds: 1800 }),
      ...amiFields(),
      'instance-type': field.text().optional(),
      'instance-types': field.list().optional(),
      'subnet-id': field.text().optional(),
      'security-group-ids': field.list().default([]),
      'instance-profile': field.text().optional(),
      'associate-public-ip': field.boolean().default(false),
      smoke: field.lines().default([]),
      compliance: field.list().default([]),
      'allowed-ports': fromText(parsePorts).default([22]),
      'command-timeout': commandTimeout(),
      'keep-instance-on-failure': field.boolean().default(false),
      'vulnerability-gate': fromText(parseVulnerabilityGate).optional(),
      'sbom-bucket': field.text().optional(),
      'sbom-prefix': field.text().optional(),
      'sbom-kms-key': field.text().optional(),
      'boot-time-gate': fromText(parseBootTimeGate).optional(),
      'boot-time-gate-mode': field.choice(['fail', 'warn']).default('fail'),
      'ssm-parameter': parameterName().optional(),
      'max-base-age': field.duration().optional(),
    })
    .superRefine((inputs, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [path], message });
      requireAmi(inputs, ctx);
      if (inputs.smoke.length === 0 && inputs.compliance.length === 0) {
        issue(
          'smoke',
          'Give at least one check: smoke commands or script files, and/or compliance profiles.',
        );
      }
      if (inputs['instance-type'] && !INSTANCE_TYPE.test(inputs['instance-type'])) {
        issue('instance-type', 'Use an EC2 instance type such as t3.micro.');
      }
      const types = inputs['instance-types'];
      if (types && inputs['instance-type']) {
        issue('instance-types', 'Give instance-type (one) or instance-types (several), not both.');
      }
      const badType = types?.find((type) => !INSTANCE_TYPE.test(type));
      if (badType) {
        issue(
          'instance-types',
          `"${badType}" is not an instance type; use types such as t3.micro, m7i.large.`,
        );
      }
      if (types && types.length > MAX_INSTANCE_TYPES) {
        issue(
          'instance-types',
          `${types.length} types: test on at most ${MAX_INSTANCE_TYPES} at once (each is its own instance).`,
        );
      }
      if (inputs['subnet-id'] && !/^subnet-[0-9a-f]{8,17}$/.test(inputs['subnet-id'])) {
        issue('subnet-id', 'Use a subnet id such as subnet-0123456789abcdef0.');
      }
      const badGroup = inputs['security-group-ids'].find((id) => !/^sg-[0-9a-f]{8,17}$/.test(id));
      if (badGroup) {
        issue(
          'security-group-ids',
          `"${badGroup}" is not a security group id; use ids such as sg-0123456789abcdef0.`,
        );
      }
      const groups = inputs['security-group-ids'].length;
      if (groups > MAX_SECURITY_GROUPS) {
        issue(
          'security-group-ids',
          `${groups} security groups: EC2 allows at most ${MAX_SECURITY_GROUPS} per network interface (the most the quota "Security groups per network interface" can be raised to; 5 by default). Use fewer groups.`,
        );
      }
      const bucket = inputs['sbom-bucket'];
      if (bucket && !BUCKET.test(bucket)) {
        issue('sbom-bucket', 'Use an S3 bucket name (3-63 lower-case letters, digits, dots and hyphens).');
      }
      if (bucket && !inputs['sbom-kms-key']) {
        issue(
          'sbom-kms-key',
          'CreateSbomExport needs a KMS key to encrypt the SBOM: give the ARN of a key whose policy lets Inspector use it.',
        );
      }
      for (const name of ['sbom-prefix', 'sbom-kms-key'] as const) {
        if (inputs[name] !== undefined && !bucket) issue(name, 'It is used only with sbom-bucket.');
      }
      const key = inputs['sbom-kms-key'];
      if (key && !KMS_KEY_ARN.test(key)) {
        issue(
          'sbom-kms-key',
          'Use the ARN of a KMS key (arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab): CreateSbomExport takes no alias.',
        );
      }
      if (inputs['ssm-parameter'] && !inputs['boot-time-gate']) {
        issue(
          'ssm-parameter',
          'In mode test it names the released AMI that boot-time-gate compares with: give boot-time-gate too.',
        );
      }
    });
