/**
 * Findings: every scanned instance reports the findings seeded for its AMI, first observed at its
 * scan; ACTIVE while the instance lives, CLOSED once it is terminated (as Inspector closes the
 * findings of a resource that is gone).
 */
import type {
  Finding,
  ListFindingsCommandInput,
  ListFindingsCommandOutput,
} from '@aws-sdk/client-inspector2';
import { stableHex } from '../../core/ids.js';
import { paginate } from '../../core/pagination.js';
import type { Handler, SimulatorApi } from '../../core/types.js';
import { instanceScans } from './coverage.js';
import { checkCriteria, matchesCriteria } from './filters.js';
import { INSPECTOR2_PAGING } from './limits.js';
import { type FindingSeed, inspector2State } from './state.js';

const SCORE: Record<string, number> = { CRITICAL: 9.8, HIGH: 7.5, MEDIUM: 5.3, LOW: 2.4 };

export function vulnerabilityIdOf(seed: FindingSeed): string {
  return (
    seed.vulnerabilityId ??
    /\b(CVE-\d{4}-\d{4,})\b/.exec(seed.title)?.[1] ??
    `SIM-${stableHex([seed.amiId, seed.title], 8).toUpperCase()}`
  );
}

/** The findings of the region now, with the fields the filters read. */
export function regionFindings(
  sim: SimulatorApi,
  region: string,
): { finding: Finding; fields: Record<string, any> }[] {
  const seeds = inspector2State(sim).findings;
  const out: { finding: Finding; fields: Record<string, any> }[] = [];
  for (const scan of instanceScans(sim, region)) {
    if (!scan.scannedAt) continue;
    const inst = scan.instance;
    const status = scan.reason === 'RESOURCE_TERMINATED' ? 'CLOSED' : 'ACTIVE';
    seeds
      .filter((seed) => seed.amiId === inst.ImageId)
      .forEach((seed, n) => {
        const vulnerabilityId = vulnerabilityIdOf(seed);
        const packageName = seed.packageName ?? /\bin\s+([\w.+-]+)\s*$/.exec(seed.title)?.[1] ?? 'unknown';
        const fix = seed.fixAvailable ? 'YES' : 'NO';
        const finding: Finding = {
          findingArn: `arn:aws:inspector2:${region}:${sim.accountId}:finding/${stableHex([inst.InstanceId, String(n), seed.title], 32)}`,
          awsAccountId: sim.accountId,
          type: 'PACKAGE_VULNERABILITY',
          title: seed.title,
          description: seed.description ?? `${vulnerabilityId} affects ${packageName}.`,
          remediation: {
            recommendation: {
              text: seed.fixAvailable
                ? `Update ${packageName} to ${seed.fixedInVersion ?? 'the fixed version'}.`
                : 'None provided',
            },
          },
          severity: seed.severity,
          firstObservedAt: scan.scannedAt,
          lastObservedAt: scan.scannedAt,
          updatedAt: scan.scannedAt,
          status,
          fixAvailable: fix,
          exploitAvailable: 'NO',
          inspectorScore: SCORE[seed.severity],
          resources: [
            {
              type: 'AWS_EC2_INSTANCE',
              id: inst.InstanceId,
              partition: 'aws',
              region,
              tags: Object.fromEntries(inst.Tags.map((t) => [t.Key, t.Value])),
              details: {
                awsEc2Instance: {
                  type: inst.InstanceType,
                  imageId: inst.ImageId,
                  ipV4Addresses: [inst.PrivateIpAddress],
                  subnetId: inst.SubnetId,
                  vpcId: inst.VpcId,
                  launchedAt: new Date(inst.launchedAt),
                  platform: inst.Platform === 'windows' ? 'WINDOWS' : 'AMAZON_LINUX_2023',
                },
              },
            },
          ],
          packageVulnerabilityDetails: {
            vulnerabilityId,
            source: vulnerabilityId.startsWith('CVE-') ? 'NVD' : 'SIMULATOR',
            vulnerablePackages: [
              {
                name: packageName,
                version: seed.packageVersion ?? '1.0.0',
                fixedInVersion: seed.fixAvailable ? (seed.fixedInVersion ?? '1.0.1') : 'NotAvailable',
                packageManager: 'OS',
              },
            ],
            vendorSeverity: seed.severity,
          },
        };
        out.push({
          finding,
          fields: {
            findingArn: finding.findingArn,
            awsAccountId: sim.accountId,
            findingType: 'PACKAGE_VULNERABILITY',
            severity: seed.severity,
            findingStatus: status,
            title: seed.title,
            resourceType: 'AWS_EC2_INSTANCE',
            resourceId: inst.InstanceId,
            ec2InstanceImageId: inst.ImageId,
            ec2InstanceSubnetId: inst.SubnetId,
            ec2InstanceVpcId: inst.VpcId,
            vulnerabilityId,
            fixAvailable: fix,
            firstObservedAt: scan.scannedAt,
            lastObservedAt: scan.scannedAt,
          },
        });
      });
  }
  return out;
}

const FINDING_KEYS = [
  'findingArn',
  'awsAccountId',
  'findingType',
  'severity',
  'findingStatus',
  'title',
  'resourceType',
  'resourceId',
  'ec2InstanceImageId',
  'ec2InstanceSubnetId',
  'ec2InstanceVpcId',
  'vulnerabilityId',
  'fixAvailable',
  'firstObservedAt',
  'lastObservedAt',
];

export const ListFindings: Handler<ListFindingsCommandInput, ListFindingsCommandOutput> = (input, ctx) => {
  const criteria = input.filterCriteria as Record<string, unknown> | undefined;
  checkCriteria(criteria, FINDING_KEYS, ['EQUALS', 'NOT_EQUALS', 'PREFIX']);
  const findings = regionFindings(ctx.sim, ctx.region)
    .filter((entry) => matchesCriteria(criteria, entry.fields))
    .map((entry) => entry.finding);
  const { page, next } = paginate(findings, input, INSPECTOR2_PAGING.ListFindings);
  return { findings: page, nextToken: next };
};
