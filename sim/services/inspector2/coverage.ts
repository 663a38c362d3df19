/**
 * Coverage of EC2 instances, derived from the EC2 slice at the simulated now. With EC2 scanning on,
 * every instance of the region is covered: `INACTIVE / UNMANAGED_EC2_INSTANCE` until SSM sees it
 * Online (Inspector scans through SSM), `ACTIVE / PENDING_INITIAL_SCAN` until its first scan,
 * `SCAN_AFTER_ONLINE_SECONDS` later (within the 15 minutes the issue pins), then
 * `ACTIVE / SUCCESSFUL` with `lastScannedAt`; `INACTIVE / EC2_INSTANCE_STOPPED` or
 * `RESOURCE_TERMINATED` once stopped or gone. With scanning off nothing is covered.
 */
import type {
  CoveredResource,
  ListCoverageCommandInput,
  ListCoverageCommandOutput,
} from '@aws-sdk/client-inspector2';
import { paginate } from '../../core/pagination.js';
import type { Handler, SimulatorApi } from '../../core/types.js';
import { agentBlocker, firstOnlineAt } from '../ec2/agent.js';
import { instanceState, instanceVisible } from '../ec2/lifecycle.js';
import { regionState } from '../ec2/region.js';
import type { InstanceRecord } from '../ec2/state.js';
import { checkCriteria, matchesCriteria } from './filters.js';
import { INSPECTOR2_PAGING } from './limits.js';
import { inspector2State } from './state.js';

/** Simulated seconds from SSM Online to the first scan. */
export const SCAN_AFTER_ONLINE_SECONDS = 600;

export interface InstanceScan {
  instance: InstanceRecord;
  statusCode: 'ACTIVE' | 'INACTIVE';
  reason: string;
  /** When its (first) scan happened, once it did. */
  scannedAt?: Date;
}

/** Every instance of the region Inspector covers now, with its scan status. */
export function instanceScans(sim: SimulatorApi, region: string): InstanceScan[] {
  if (!inspector2State(sim).ec2Scanning) return [];
  const now = sim.clock.nowMs();
  const scans: InstanceScan[] = [];
  for (const instance of Object.values(regionState(sim, region).instances)) {
    if (!instanceVisible(instance, now)) continue;
    const online = agentBlocker(sim, region, instance) ? undefined : firstOnlineAt(sim, instance, now);
    const scanMs = online === undefined ? undefined : online + SCAN_AFTER_ONLINE_SECONDS * 1000;
    const scannedAt = scanMs !== undefined && scanMs <= now ? new Date(scanMs) : undefined;
    const state = instanceState(instance, now);
    const scan = (statusCode: InstanceScan['statusCode'], reason: string) =>
      scans.push({ instance, statusCode, reason, scannedAt });
    if (state === 'terminated' || state === 'shutting-down') scan('INACTIVE', 'RESOURCE_TERMINATED');
    else if (state === 'stopped' || state === 'stopping') scan('INACTIVE', 'EC2_INSTANCE_STOPPED');
    else if (online === undefined) scan('INACTIVE', 'UNMANAGED_EC2_INSTANCE');
    else scan('ACTIVE', scannedAt ? 'SUCCESSFUL' : 'PENDING_INITIAL_SCAN');
  }
  return scans;
}

const tagMap = (instance: InstanceRecord) => Object.fromEntries(instance.Tags.map((t) => [t.Key, t.Value]));

const COVERAGE_KEYS = [
  'accountId',
  'resourceId',
  'resourceType',
  'scanType',
  'scanStatusCode',
  'scanStatusReason',
  'lastScannedAt',
];

export const ListCoverage: Handler<ListCoverageCommandInput, ListCoverageCommandOutput> = (input, ctx) => {
  const criteria = input.filterCriteria as Record<string, unknown> | undefined;
  checkCriteria(criteria, COVERAGE_KEYS, ['EQUALS', 'NOT_EQUALS']);
  const covered: CoveredResource[] = instanceScans(ctx.sim, ctx.region)
    .filter((scan) =>
      matchesCriteria(criteria, {
        accountId: ctx.accountId,
        resourceId: scan.instance.InstanceId,
        resourceType: 'AWS_EC2_INSTANCE',
        scanType: 'PACKAGE',
        scanStatusCode: scan.statusCode,
        scanStatusReason: scan.reason,
        lastScannedAt: scan.scannedAt,
      }),
    )
    .map((scan) => ({
      resourceType: 'AWS_EC2_INSTANCE',
      resourceId: scan.instance.InstanceId,
      accountId: ctx.accountId,
      scanType: 'PACKAGE',
      scanMode: 'EC2_SSM_AGENT_BASED',
      scanStatus: { statusCode: scan.statusCode, reason: scan.reason as any },
      lastScannedAt: scan.scannedAt,
      resourceMetadata: {
        ec2: {
          amiId: scan.instance.ImageId,
          platform: scan.instance.Platform === 'windows' ? 'WINDOWS' : 'LINUX',
          tags: tagMap(scan.instance),
        },
      },
    }));
  const { page, next } = paginate(covered, input, INSPECTOR2_PAGING.ListCoverage);
  return { coveredResources: page, nextToken: next };
};
