/**
 * Amazon Inspector (v2) through the real SDK v3 client: the account status, coverage of EC2
 * instances as SSM sees them, findings seeded per AMI, SBOM exports; and the `bootSeconds` fault.
 */
import {
  EC2Client,
  RunInstancesCommand,
  type RunInstancesCommandInput,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  BatchGetAccountStatusCommand,
  CreateSbomExportCommand,
  GetSbomExportCommand,
  Inspector2Client,
  ListCoverageCommand,
  ListFindingsCommand,
  paginateListFindings,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-inspector2';
import { DescribeInstanceInformationCommand, SSMClient } from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { DURATIONS } from '../../sim/core/time.js';
import { DEFAULT_BASE_AMI_ID, DEFAULT_INSTANCE_PROFILE } from '../../sim/services/ec2/scenario.js';
import { SCAN_AFTER_ONLINE_SECONDS } from '../../sim/services/inspector2/coverage.js';
import { EXPORT_SECONDS } from '../../sim/services/inspector2/sbom.js';
import { useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 1 });
const ec2 = () => new EC2Client({ ...aws.sdkConfig(), maxAttempts: 1 });
const ssm = () => new SSMClient({ ...aws.sdkConfig(), maxAttempts: 1 });
const inspector = () => new Inspector2Client({ ...aws.sdkConfig(), maxAttempts: 1 });

const ONLINE_AFTER = DURATIONS.instancePendingSeconds + DURATIONS.ssmRegistrationSeconds;
const KMS_KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

beforeEach(() => aws.reset());

async function launch(extra: Partial<RunInstancesCommandInput> = {}): Promise<string> {
  const out = await ec2().send(
    new RunInstancesCommand({
      ImageId: DEFAULT_BASE_AMI_ID,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      IamInstanceProfile: { Name: DEFAULT_INSTANCE_PROFILE },
      ...extra,
    }),
  );
  return out.Instances![0].InstanceId!;
}

async function coverageOf(id: string) {
  const out = await inspector().send(
    new ListCoverageCommand({ filterCriteria: { resourceId: [{ comparison: 'EQUALS', value: id }] } }),
  );
  return out.coveredResources ?? [];
}

async function online(id: string): Promise<boolean> {
  const out = await ssm().send(
    new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [id] }] }),
  );
  return out.InstanceInformationList?.[0]?.PingStatus === 'Online';
}

describe('account status', () => {
  it('has EC2 scanning on in the default scenario; the seed turns it off', async () => {
    const on = await inspector().send(new BatchGetAccountStatusCommand({}));
    expect(on.accounts).toEqual([
      expect.objectContaining({
        accountId: aws.sim.accountId,
        state: { status: 'ENABLED' },
        resourceState: expect.objectContaining({ ec2: { status: 'ENABLED' }, ecr: { status: 'DISABLED' } }),
      }),
    ]);
    await aws.seed({ inspector2: { ec2Scanning: false } });
    const off = await inspector().send(
      new BatchGetAccountStatusCommand({ accountIds: [aws.sim.accountId, '111122223333'] }),
    );
    expect(off.accounts?.[0].resourceState?.ec2?.status).toBe('DISABLED');
    expect(off.failedAccounts).toEqual([
      expect.objectContaining({ accountId: '111122223333', errorCode: 'ACCESS_DENIED' }),
    ]);
  });
});

describe('coverage and findings', () => {
  it('covers an instance unmanaged until SSM Online, pending until scanned within 15 minutes, then scanned', async () => {
    const id = await launch();
    const [unmanaged] = await coverageOf(id);
    expect(unmanaged).toMatchObject({
      resourceType: 'AWS_EC2_INSTANCE',
      scanType: 'PACKAGE',
      scanStatus: { statusCode: 'INACTIVE', reason: 'UNMANAGED_EC2_INSTANCE' },
      resourceMetadata: { ec2: { amiId: DEFAULT_BASE_AMI_ID, platform: 'LINUX' } },
    });
    await aws.advance(ONLINE_AFTER);
    expect(await online(id)).toBe(true);
    const [pending] = await coverageOf(id);
    expect(pending.scanStatus).toEqual({ statusCode: 'ACTIVE', reason: 'PENDING_INITIAL_SCAN' });
    expect(pending.lastScannedAt).toBeUndefined();
    expect(SCAN_AFTER_ONLINE_SECONDS).toBeLessThanOrEqual(15 * 60);
    await aws.advance(SCAN_AFTER_ONLINE_SECONDS);
    const [scanned] = await coverageOf(id);
    expect(scanned.scanStatus).toEqual({ statusCode: 'ACTIVE', reason: 'SUCCESSFUL' });
    expect(scanned.lastScannedAt).toBeInstanceOf(Date);
    await ec2().send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    expect((await coverageOf(id))[0].scanStatus?.reason).toBe('RESOURCE_TERMINATED');
  });

  it('covers nothing with EC2 scanning off', async () => {
    await aws.seed({ inspector2: { ec2Scanning: false } });
    const id = await launch();
    await aws.advance(ONLINE_AFTER + SCAN_AFTER_ONLINE_SECONDS);
    expect(await coverageOf(id)).toEqual([]);
  });

  it("reports the AMI's seeded findings for each scanned instance, filtered and paged, closed once terminated", async () => {
    await aws.seed({
      inspector2: {
        findings: [
          {
            amiId: DEFAULT_BASE_AMI_ID,
            severity: 'CRITICAL',
            title: 'CVE-2026-0001 in openssl',
            fixAvailable: true,
          },
          ...Array.from({ length: 7 }, (_, n) => ({
            amiId: DEFAULT_BASE_AMI_ID,
            severity: 'LOW',
            title: `CVE-2026-10${n}0 in curl`,
            fixAvailable: false,
          })),
        ],
      },
    });
    const id = await launch();
    const other = await launch({ ImageId: 'ami-0fedcba9876543210', InstanceType: 't4g.micro' });
    await aws.advance(ONLINE_AFTER + 1);
    const byResource = { resourceId: [{ comparison: 'EQUALS' as const, value: id }] };
    expect(
      (await inspector().send(new ListFindingsCommand({ filterCriteria: byResource }))).findings,
    ).toEqual([]);
    await aws.advance(SCAN_AFTER_ONLINE_SECONDS);

    const all = [];
    for await (const page of paginateListFindings(
      { client: inspector(), pageSize: 3 },
      { filterCriteria: { ...byResource, findingStatus: [{ comparison: 'EQUALS', value: 'ACTIVE' }] } },
    )) {
      expect(page.findings!.length).toBeLessThanOrEqual(3);
      all.push(...page.findings!);
    }
    expect(all).toHaveLength(8);
    const critical = all.find((f) => f.severity === 'CRITICAL')!;
    expect(critical).toMatchObject({
      title: 'CVE-2026-0001 in openssl',
      type: 'PACKAGE_VULNERABILITY',
      status: 'ACTIVE',
      fixAvailable: 'YES',
      resources: [expect.objectContaining({ type: 'AWS_EC2_INSTANCE', id })],
      packageVulnerabilityDetails: expect.objectContaining({
        vulnerabilityId: 'CVE-2026-0001',
        vulnerablePackages: [expect.objectContaining({ name: 'openssl' })],
      }),
    });
    expect(critical.firstObservedAt).toBeInstanceOf(Date);
    const onlyCritical = await inspector().send(
      new ListFindingsCommand({
        filterCriteria: { ...byResource, severity: [{ comparison: 'EQUALS', value: 'CRITICAL' }] },
      }),
    );
    expect(onlyCritical.findings).toHaveLength(1);
    const ofOther = await inspector().send(
      new ListFindingsCommand({ filterCriteria: { resourceId: [{ comparison: 'EQUALS', value: other }] } }),
    );
    expect(ofOther.findings).toEqual([]);

    await ec2().send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    const closed = await inspector().send(new ListFindingsCommand({ filterCriteria: byResource }));
    expect(new Set(closed.findings!.map((f) => f.status))).toEqual(new Set(['CLOSED']));
  });

  it('refuses a page size out of range and a filter it does not model', async () => {
    await expect(inspector().send(new ListFindingsCommand({ maxResults: 101 }))).rejects.toThrow(
      ValidationException,
    );
    await expect(
      inspector().send(
        new ListFindingsCommand({ filterCriteria: { ecrImageTags: [{ comparison: 'EQUALS', value: 'x' }] } }),
      ),
    ).rejects.toThrow(/does not model the filter ecrImageTags/);
  });
});

describe('SBOM export', () => {
  it('exports a CycloneDX document of the scanned instance under <prefix>CYCLONEDX_1_4_outputs_<reportId>/', async () => {
    const id = await launch();
    await aws.advance(ONLINE_AFTER + SCAN_AFTER_ONLINE_SECONDS);
    const { reportId } = await inspector().send(
      new CreateSbomExportCommand({
        reportFormat: 'CYCLONEDX_1_4',
        resourceFilterCriteria: { resourceId: [{ comparison: 'EQUALS', value: id }] },
        s3Destination: { bucketName: 'sboms', keyPrefix: 'app/', kmsKeyArn: KMS_KEY },
      }),
    );
    expect(reportId).toMatch(/^[0-9a-f-]{36}$/);
    const first = await inspector().send(new GetSbomExportCommand({ reportId }));
    expect(first).toMatchObject({
      status: 'IN_PROGRESS',
      format: 'CYCLONEDX_1_4',
      s3Destination: { bucketName: 'sboms', keyPrefix: 'app/' },
    });
    await aws.advance(EXPORT_SECONDS);
    expect((await inspector().send(new GetSbomExportCommand({ reportId }))).status).toBe('SUCCEEDED');
    const objects = (await aws.state()).services.inspector2.sbomExports[reportId!].objects;
    const key = `s3://sboms/app/CYCLONEDX_1_4_outputs_${reportId}/${aws.sim.accountId}/${id}.json`;
    expect(Object.keys(objects)).toEqual([key]);
    expect(objects[key]).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.4' });
  });

  it('fails an export of nothing scanned (NO_FINDINGS_FOUND), a malformed key, and an unknown report', async () => {
    const id = await launch();
    const create = (kmsKeyArn: string) =>
      inspector().send(
        new CreateSbomExportCommand({
          reportFormat: 'CYCLONEDX_1_4',
          resourceFilterCriteria: { resourceId: [{ comparison: 'EQUALS', value: id }] },
          s3Destination: { bucketName: 'sboms', kmsKeyArn },
        }),
      );
    const early = await create(KMS_KEY);
    const badKey = await create('alias/sbom');
    await aws.advance(EXPORT_SECONDS);
    expect(await inspector().send(new GetSbomExportCommand({ reportId: early.reportId }))).toMatchObject({
      status: 'FAILED',
      errorCode: 'NO_FINDINGS_FOUND',
    });
    expect((await inspector().send(new GetSbomExportCommand({ reportId: badKey.reportId }))).errorCode).toBe(
      'MALFORMED_KMS_KEY',
    );
    await expect(
      inspector().send(new GetSbomExportCommand({ reportId: '00000000-0000-4000-8000-000000000000' })),
    ).rejects.toThrow(ResourceNotFoundException);
  });
});

describe('bootSeconds fault', () => {
  it('sets launch -> SSM Online for instances of that AMI, a shorter boot shortening pending too', async () => {
    await aws.setFaults({ bootSeconds: { [DEFAULT_BASE_AMI_ID]: 150, 'ami-0fedcba9876543210': 10 } });
    const slow = await launch();
    const quick = await launch({ ImageId: 'ami-0fedcba9876543210', InstanceType: 't4g.micro' });
    await aws.advance(10);
    expect(await online(quick)).toBe(true);
    await aws.advance(ONLINE_AFTER - 10);
    expect(await online(slow)).toBe(false);
    await aws.advance(150 - ONLINE_AFTER);
    expect(await online(slow)).toBe(true);
  });
});
