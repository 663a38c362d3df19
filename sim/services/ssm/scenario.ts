/**
 * The SSM part of the default scenario: AWS's public "latest Amazon Linux 2023" parameters, pointing
 * at the base AMIs the EC2 scenario seeds in each region.
 */
import { accountFor } from '../../core/accounts.js';
import type { SimulatorApi } from '../../core/types.js';
import { baseAmiId, DEFAULT_EC2_REGIONS } from '../ec2/scenario.js';
import { checkNameLimits, pushVersion } from './parameter-store.js';
import { type ParameterRecord, ssmRegion } from './state.js';

export const AL2023_X86_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
export const AL2023_ARM64_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64';

export interface PublicParameterSeed {
  region: string;
  name: string;
  value: string;
  dataType?: string;
}

export interface ParameterSeed {
  /** The account that owns it (default: the section's, else the default account). */
  account?: string;
  region: string;
  name: string;
  value: string;
  type?: 'String' | 'StringList' | 'SecureString';
  dataType?: string;
}

export interface SsmScenarioSection {
  /** AWS-owned parameters (read-only, ARN without account). */
  publicParameters?: PublicParameterSeed[];
  /** The account's own parameters. */
  parameters?: ParameterSeed[];
}

export function ssmScenarioSection(regions: string[] = DEFAULT_EC2_REGIONS): SsmScenarioSection {
  return {
    publicParameters: regions.flatMap((region) => [
      { region, name: AL2023_X86_PARAMETER, value: baseAmiId(region, 'x86_64'), dataType: 'aws:ec2:image' },
      { region, name: AL2023_ARM64_PARAMETER, value: baseAmiId(region, 'arm64'), dataType: 'aws:ec2:image' },
    ]),
    parameters: [],
  };
}

export const defaultScenarioSection: SsmScenarioSection = ssmScenarioSection();

const SEEDED_AT = '2024-10-11T00:00:00.000Z';

export function seedSsm(section: unknown, home: SimulatorApi): void {
  const s = (section ?? {}) as SsmScenarioSection;
  const seeds = [
    ...(s.publicParameters ?? []).map((p) => ({
      ...p,
      account: undefined,
      type: 'String' as const,
      public: true,
    })),
    ...(s.parameters ?? []).map((p) => ({ ...p, type: p.type ?? ('String' as const), public: false })),
  ];
  for (const p of seeds) {
    const sim = accountFor(home, p.account);
    // A seeded write obeys the rules of any other write: names within the limits (AWS's own public
    // names aside), and at most 100 versions kept.
    if (!p.public) checkNameLimits(p.name, p.region, sim.accountId);
    const r = ssmRegion(sim, p.region);
    const record: ParameterRecord = r.parameters[p.name] ?? {
      Name: p.name,
      Tags: [],
      public: p.public || undefined,
      versions: [],
      lastVersion: 0,
      rejected: [],
    };
    record.public = p.public || undefined;
    pushVersion(record, {
      Version: record.lastVersion + 1,
      Value: p.value,
      Type: p.type,
      DataType: p.dataType ?? 'text',
      Tier: 'Standard',
      Labels: [],
      LastModifiedDate: SEEDED_AT,
      LastModifiedUser: p.public ? 'arn:aws:iam::aws:root' : `arn:aws:iam::${sim.accountId}:root`,
    });
    record.lastVersion += 1;
    r.parameters[p.name] = record;
  }
}
