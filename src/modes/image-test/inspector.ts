/**
 * The half of mode test that talks to Amazon Inspector (v2). The mode imports it only when a
 * vulnerability gate or an SBOM is asked for, so no other run loads the Inspector client.
 *
 * - The account's EC2 scanning status (BatchGetAccountStatus), read in the plan: a gate without it is
 *   refused before anything is launched.
 * - Waiting for the instance's first scan: its coverage (ListCoverage by resource id) reads
 *   ScanStatus ACTIVE with a `lastScannedAt` after the launch. Inspector scans EC2 instances through
 *   SSM, so this comes after SSM sees the instance Online; a coverage status that cannot change
 *   (an unsupported OS, an instance excluded by tag) fails at once, naming the reason.
 * - Its findings: ListFindings filtered by the instance id and status ACTIVE (suppressed findings are
 *   accepted risks), every page.
 * - An SBOM of the instance: CreateSbomExport (CycloneDX 1.4) to the given bucket and KMS key, then
 *   GetSbomExport until it ends. Inspector writes it under `<prefix>CYCLONEDX_1_4_outputs_<reportId>/`.
 */
import {
  BatchGetAccountStatusCommand,
  CreateSbomExportCommand,
  GetSbomExportCommand,
  Inspector2Client,
  paginateListCoverage,
  paginateListFindings,
} from '@aws-sdk/client-inspector2';
import { awsClient, type ClientUse } from '../../aws/clients.js';
import { waitUntil } from '../../aws/wait.js';
import type { GateSeverity } from '../../inputs/test.js';
import type { Deadline } from '../../kernel/deadline.js';
import { oneLine } from '../../report/foreign.js';
import type { FindingFacts } from './vulnerabilities.js';

const inspector = (region: string, use: ClientUse = 'call') => awsClient(Inspector2Client, region, use);

export interface ScanningStatus {
  enabled: boolean;
  /** EC2 scanning's status as Inspector says it: ENABLED, DISABLED, SUSPENDED, ... */
  status: string;
}

export async function ec2Scanning(region: string): Promise<ScanningStatus> {
  const { accounts, failedAccounts } = await inspector(region).send(new BatchGetAccountStatusCommand({}));
  const ec2 = accounts?.[0]?.resourceState?.ec2;
  const status = ec2?.status ?? failedAccounts?.[0]?.errorCode ?? 'unknown';
  return { enabled: status === 'ENABLED', status };
}

/** Coverage reasons that no waiting changes. */
const NEVER_SCANNED: Record<string, string> = {
  UNSUPPORTED_OS: 'Inspector does not support the operating system of this AMI',
  EXCLUDED_BY_TAG: 'the instance carries the tag InspectorEc2Exclusion, which excludes it from scanning',
  ACCESS_DENIED: 'Inspector was denied access to the instance',
  RESOURCE_TERMINATED: 'the instance is gone',
  EC2_INSTANCE_STOPPED: 'the instance is stopped',
  NO_RESOURCES_FOUND: 'Inspector found nothing to scan',
};

export interface ScanWait {
  region: string;
  instanceId: string;
  launchedAt: Date;
  deadline: Deadline;
  pollIntervalSeconds: number;
}

/** Waits until Inspector has scanned the instance after its launch; when it did (Inspector's time). */
export function waitForScan(wait: ScanWait): Promise<Date> {
  return waitUntil({
    what: `Amazon Inspector to scan ${wait.instanceId}`,
    deadline: wait.deadline,
    pollIntervalSeconds: wait.pollIntervalSeconds,
    timeoutHint:
      'Inspector scans an instance some minutes after SSM manages it. Raise timeout, or look at the instance in the Inspector console (Account management > Instances) for why it is not scanned.',
    check: async () => {
      // Every page: the PACKAGE scan's entry may come after another scan type's.
      const coveredResources = [];
      for await (const page of paginateListCoverage(
        { client: inspector(wait.region, 'poll') },
        {
          filterCriteria: {
            resourceId: [{ comparison: 'EQUALS', value: wait.instanceId }],
            resourceType: [{ comparison: 'EQUALS', value: 'AWS_EC2_INSTANCE' }],
          },
        },
      )) {
        coveredResources.push(...(page.coveredResources ?? []));
      }
      const covered = coveredResources.find((entry) => entry.scanType === 'PACKAGE') ?? coveredResources[0];
      if (!covered) return { done: false, status: 'not covered by Inspector yet' };
      const code = covered.scanStatus?.statusCode ?? 'unknown';
      const reason = covered.scanStatus?.reason ?? '';
      const scannedAt = covered.lastScannedAt;
      if (code === 'ACTIVE' && scannedAt && scannedAt.getTime() >= wait.launchedAt.getTime()) {
        return { done: true, value: scannedAt };
      }
      if (code === 'INACTIVE' && NEVER_SCANNED[reason]) {
        throw new Error(
          `Amazon Inspector will not scan ${wait.instanceId}: ${NEVER_SCANNED[reason]} (coverage ${code}, ${reason}).`,
        );
      }
      return { done: false, status: `${code}${reason ? ` (${oneLine(reason)})` : ''}` };
    },
  });
}

/** The instance's active findings, every page. */
export async function instanceFindings(region: string, instanceId: string): Promise<FindingFacts[]> {
  const findings: FindingFacts[] = [];
  for await (const page of paginateListFindings(
    { client: inspector(region), pageSize: 100 },
    {
      filterCriteria: {
        resourceId: [{ comparison: 'EQUALS', value: instanceId }],
        findingStatus: [{ comparison: 'EQUALS', value: 'ACTIVE' }],
      },
    },
  )) {
    for (const finding of page.findings ?? []) {
      const details = finding.packageVulnerabilityDetails;
      findings.push({
        vulnerabilityId: details?.vulnerabilityId ?? finding.title ?? finding.findingArn ?? 'unknown',
        title: finding.title ?? '',
        severity: (finding.severity ?? 'UNTRIAGED') as GateSeverity,
        fixAvailable: finding.fixAvailable ?? 'NO',
        packages: (details?.vulnerablePackages ?? []).map((p) =>
          `${p.name ?? '?'} ${p.version ?? ''}${p.fixedInVersion && p.fixedInVersion !== 'NotAvailable' ? ` (fixed in ${p.fixedInVersion})` : ''}`.trim(),
        ),
      });
    }
  }
  return findings;
}

export interface SbomRequest {
  region: string;
  instanceId: string;
  bucket: string;
  /** Ends with `/` when given. */
  prefix: string;
  kmsKeyArn: string;
  deadline: Deadline;
  pollIntervalSeconds: number;
}

/** Exports the instance's SBOM (CycloneDX 1.4); the s3:// location Inspector wrote it under. */
export async function exportSbom(request: SbomRequest): Promise<string> {
  const { reportId } = await inspector(request.region).send(
    new CreateSbomExportCommand({
      reportFormat: 'CYCLONEDX_1_4',
      resourceFilterCriteria: { resourceId: [{ comparison: 'EQUALS', value: request.instanceId }] },
      s3Destination: {
        bucketName: request.bucket,
        keyPrefix: request.prefix || undefined,
        kmsKeyArn: request.kmsKeyArn,
      },
    }),
  );
  if (!reportId) throw new Error('CreateSbomExport returned no report id.');
  const done = await waitUntil({
    what: `the SBOM export ${reportId}`,
    deadline: request.deadline,
    pollIntervalSeconds: request.pollIntervalSeconds,
    check: async () => {
      const out = await inspector(request.region, 'poll').send(new GetSbomExportCommand({ reportId }));
      if (out.status === 'SUCCEEDED') return { done: true, value: out };
      if (out.status === 'FAILED' || out.status === 'CANCELLED') {
        throw new Error(
          `The SBOM export ${reportId} ${out.status}: ${out.errorCode ?? ''} ${oneLine(out.errorMessage ?? '')}. ${SBOM_FIX[out.errorCode ?? ''] ?? ''}`.trim(),
        );
      }
      return { done: false, status: out.status ?? 'unknown' };
    },
  });
  const bucket = done.s3Destination?.bucketName ?? request.bucket;
  const prefix = done.s3Destination?.keyPrefix ?? request.prefix;
  return `s3://${bucket}/${prefix}CYCLONEDX_1_4_outputs_${reportId}/`;
}

const SBOM_FIX: Record<string, string> = {
  BUCKET_NOT_FOUND: 'Check sbom-bucket.',
  INCOMPATIBLE_BUCKET_REGION: 'The bucket must be in the region tested.',
  INVALID_PERMISSIONS:
    "The bucket policy must let inspector2.amazonaws.com write to it, and the KMS key's policy must let Inspector use the key.",
  MALFORMED_KMS_KEY: 'Check sbom-kms-key: the ARN of a symmetric KMS key.',
  NO_FINDINGS_FOUND: 'Inspector has no inventory of the instance yet.',
};
