/**
 * SBOM exports: CreateSbomExport takes a snapshot of the scanned resources its filter selects and
 * "writes" one document per resource (CycloneDX 1.4 or SPDX 2.3) under
 * `<keyPrefix><FORMAT>_outputs_<reportId>/`, the layout consumers of real exports read; the simulator
 * has no S3, so the documents are kept in the export's state. GetSbomExport reads IN_PROGRESS for
 * `EXPORT_SECONDS`, then SUCCEEDED, or FAILED with NO_FINDINGS_FOUND (nothing scanned matched) or
 * MALFORMED_KMS_KEY (kmsKeyArn is not a key ARN).
 */
import { randomUUID } from 'node:crypto';
import type {
  CreateSbomExportCommandInput,
  CreateSbomExportCommandOutput,
  GetSbomExportCommandInput,
  GetSbomExportCommandOutput,
} from '@aws-sdk/client-inspector2';
import { AwsError, type Handler } from '../../core/types.js';
import { instanceScans } from './coverage.js';
import { checkCriteria, matchesCriteria } from './filters.js';
import { inspector2State, type SbomExport } from './state.js';

/** Simulated seconds an export takes. */
export const EXPORT_SECONDS = 60;

const FORMATS = ['CYCLONEDX_1_4', 'SPDX_2_3'];
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[\w-]+$/;
const BASE_PACKAGES = [
  ['glibc', '2.34-117.amzn2023'],
  ['openssl-libs', '3.0.8-1.amzn2023'],
  ['amazon-ssm-agent', '3.3.987.0-1.amzn2023'],
];

function invalid(message: string): never {
  throw new AwsError('ValidationException', message);
}

function document(
  format: string,
  resourceId: string,
  amiId: string,
  accountId: string,
  at: Date,
  packages: string[][],
) {
  if (format === 'SPDX_2_3') {
    return {
      spdxVersion: 'SPDX-2.3',
      dataLicense: 'CC0-1.0',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: resourceId,
      creationInfo: { created: at.toISOString(), creators: ['Tool: Amazon Inspector (simulated)'] },
      packages: packages.map(([name, version], n) => ({
        SPDXID: `SPDXRef-Package-${n}`,
        name,
        versionInfo: version,
      })),
    };
  }
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.4',
    version: 1,
    metadata: {
      timestamp: at.toISOString(),
      component: null,
      properties: [
        { name: 'imageId', value: amiId },
        { name: 'accountId', value: accountId },
        { name: 'resourceType', value: 'AWS_EC2_INSTANCE' },
        { name: 'resourceId', value: resourceId },
      ],
    },
    components: packages.map(([name, version]) => ({
      type: 'application',
      name,
      version,
      purl: `pkg:rpm/amazon/${name}@${version}`,
      'bom-ref': `${name}@${version}`,
    })),
  };
}

export const CreateSbomExport: Handler<CreateSbomExportCommandInput, CreateSbomExportCommandOutput> = (
  input,
  ctx,
) => {
  const state = inspector2State(ctx.sim);
  if (!FORMATS.includes(String(input.reportFormat))) {
    invalid(
      `1 validation error detected: Value '${input.reportFormat}' at 'reportFormat' failed to satisfy constraint: Member must satisfy enum value set: [${FORMATS.join(', ')}]`,
    );
  }
  const destination = input.s3Destination;
  if (!destination?.bucketName)
    invalid(
      "1 validation error detected: Value null at 's3Destination.bucketName' failed to satisfy constraint: Member must not be null",
    );
  if (!destination.kmsKeyArn)
    invalid(
      "1 validation error detected: Value null at 's3Destination.kmsKeyArn' failed to satisfy constraint: Member must not be null",
    );
  if (!state.ec2Scanning) {
    throw new AwsError('ValidationException', 'Amazon Inspector scanning is not enabled for this account.');
  }
  const criteria = input.resourceFilterCriteria as Record<string, unknown> | undefined;
  checkCriteria(criteria, ['accountId', 'resourceId', 'resourceType'], ['EQUALS', 'NOT_EQUALS']);
  const now = ctx.sim.clock.nowMs();
  const reportId = randomUUID();
  const format = String(input.reportFormat);
  const scanned = instanceScans(ctx.sim, ctx.region).filter(
    (scan) =>
      scan.scannedAt &&
      matchesCriteria(criteria, {
        accountId: ctx.accountId,
        resourceId: scan.instance.InstanceId,
        resourceType: 'AWS_EC2_INSTANCE',
      }),
  );
  const record: SbomExport = {
    reportId,
    region: ctx.region,
    format,
    s3Destination: {
      bucketName: destination.bucketName,
      keyPrefix: destination.keyPrefix,
      kmsKeyArn: destination.kmsKeyArn,
    },
    filterCriteria: criteria,
    createdAtMs: now,
    doneAtMs: now + EXPORT_SECONDS * 1000,
    objects: {},
  };
  if (!KMS_KEY_ARN.test(destination.kmsKeyArn)) {
    record.error = { code: 'MALFORMED_KMS_KEY', message: `${destination.kmsKeyArn} is not a KMS key ARN.` };
  } else if (scanned.length === 0) {
    record.error = { code: 'NO_FINDINGS_FOUND', message: 'No scanned resource matches the filter criteria.' };
  } else {
    const folder = `${destination.keyPrefix ?? ''}${format}_outputs_${reportId}/`;
    for (const scan of scanned) {
      const packages = [
        ...BASE_PACKAGES,
        ...state.findings
          .filter((f) => f.amiId === scan.instance.ImageId)
          .map((f) => [
            f.packageName ?? /\bin\s+([\w.+-]+)\s*$/.exec(f.title)?.[1] ?? 'unknown',
            f.packageVersion ?? '1.0.0',
          ]),
      ];
      record.objects[
        `s3://${destination.bucketName}/${folder}${ctx.accountId}/${scan.instance.InstanceId}.json`
      ] = document(
        format,
        scan.instance.InstanceId,
        scan.instance.ImageId,
        ctx.accountId,
        new Date(now),
        packages,
      );
    }
  }
  state.sbomExports[reportId] = record;
  return { reportId };
};

export const GetSbomExport: Handler<GetSbomExportCommandInput, GetSbomExportCommandOutput> = (input, ctx) => {
  const record = inspector2State(ctx.sim).sbomExports[String(input.reportId ?? '')];
  if (!record || record.region !== ctx.region) {
    throw new AwsError('ResourceNotFoundException', `The report ${input.reportId} was not found.`, 404);
  }
  const done = ctx.sim.clock.nowMs() >= record.doneAtMs;
  return {
    reportId: record.reportId,
    format: record.format as GetSbomExportCommandOutput['format'],
    status: !done ? 'IN_PROGRESS' : record.error ? 'FAILED' : 'SUCCEEDED',
    errorCode: done ? (record.error?.code as GetSbomExportCommandOutput['errorCode']) : undefined,
    errorMessage: done ? record.error?.message : undefined,
    s3Destination: record.s3Destination,
    filterCriteria: record.filterCriteria,
  };
};
