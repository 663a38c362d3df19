/**
 * include-shared: which other accounts reference a shared AMI, from EC2's image usage reports (no
 * role in those accounts needed). One report per AMI and per 200 accounts it is shared with (one for
 * all accounts when it is public or shared with an organization or OU), waited for within the step's
 * deadline, read (every page), then deleted. An AMI that another account references stays, naming it.
 */
import * as core from '@actions/core';
import {
  CreateImageUsageReportCommand,
  DeleteImageUsageReportCommand,
  EC2Client,
  paginateDescribeImageUsageReportEntries,
  paginateDescribeImageUsageReports,
} from '@aws-sdk/client-ec2';
import { awsClient } from '../../aws/clients.js';
import { isNotFound } from '../../aws/errors.js';
import { mapConcurrent, valuesOrThrow } from '../../aws/fanout.js';
import { waitUntil } from '../../aws/wait.js';
import type { StepScope, UndoScope } from '../../kernel/plan.js';
import type { UndoOf } from '../../kernel/state.js';
import { oneLine } from '../../report/foreign.js';
import type { RegionOutcome } from './remove.js';
import type { OwnImage, RegionPlan } from './types.js';

/** CreateImageUsageReport takes at most 200 account ids; the describes at most 200 report ids. */
const ACCOUNTS_PER_REPORT = 200;
const IDS_PER_DESCRIBE = 200;
const CONCURRENCY = 4;
export const RESOURCE_TYPES = ['ec2:Instance', 'ec2:LaunchTemplate'];

export interface ReportRequest {
  image: OwnImage;
  /** Undefined: all accounts. */
  accountIds?: string[];
}

/** The reports the plan asks for, to list them in the plan. */
export function reportRequests(plan: RegionPlan): ReportRequest[] {
  const images = new Map(
    [...plan.moves.map((m) => m.image), ...plan.remove.map((r) => r.image)].map((i) => [i.imageId, i]),
  );
  return [...plan.shared].flatMap(([imageId, words]) => {
    const image = images.get(imageId);
    if (!image) return [];
    const accounts = words.filter((w) => /^\d{12}$/.test(w));
    if (accounts.length < words.length) return [{ image }];
    const batches: ReportRequest[] = [];
    for (let at = 0; at < accounts.length; at += ACCOUNTS_PER_REPORT) {
      batches.push({ image, accountIds: accounts.slice(at, at + ACCOUNTS_PER_REPORT) });
    }
    return batches;
  });
}

export function describeRequest(request: ReportRequest): string {
  const who = request.accountIds
    ? `account${request.accountIds.length > 1 ? 's' : ''} ${request.accountIds.length > 3 ? `${request.accountIds.slice(0, 3).join(', ')} and ${request.accountIds.length - 3} more` : request.accountIds.join(', ')}`
    : 'all accounts (public, or shared with an organization or OU)';
  return `${request.image.imageId}: instances and launch templates of ${who}`;
}

/** Makes the reports, waits for them, reads them and deletes them; what it finds goes to `outcome.usage`. */
export async function findUsage(
  region: string,
  requests: ReportRequest[],
  step: StepScope,
  outcome: RegionOutcome,
): Promise<void> {
  const ec2 = awsClient(EC2Client, region);
  const journal = step.record({ kind: 'delete-image-usage-reports', region, reportIds: [] });
  const made: { reportId: string; request: ReportRequest }[] = [];
  valuesOrThrow(
    await mapConcurrent(requests, CONCURRENCY, async (request) => {
      const { ReportId } = await ec2.send(
        new CreateImageUsageReportCommand({
          ImageId: request.image.imageId,
          ResourceTypes: RESOURCE_TYPES.map((ResourceType) => ({ ResourceType })),
          AccountIds: request.accountIds,
        }),
      );
      if (!ReportId)
        throw new Error(`CreateImageUsageReport for ${request.image.imageId} answered no report id`);
      made.push({ reportId: ReportId, request });
      journal.update({ reportIds: made.map((m) => m.reportId) });
    }),
  );
  const ids = made.map((m) => m.reportId);
  const failed = await waitUntil({
    what: `${ids.length} image usage report(s) in ${region}`,
    deadline: step.deadline,
    pollIntervalSeconds: step.pollIntervalSeconds,
    timeoutHint: 'Raise the timeout input: image usage reports can take minutes to make.',
    check: async () => {
      const states = await reportStates(region, ids);
      const pending = ids.filter((id) => (states.get(id)?.state ?? 'pending') === 'pending');
      if (pending.length)
        return { done: false, status: `${ids.length - pending.length} of ${ids.length} ready` };
      return { done: true, value: [...states].filter(([, s]) => s.state === 'error') };
    },
  });
  for (const [reportId, { reason }] of failed) {
    const request = made.find((m) => m.reportId === reportId)?.request;
    if (request)
      outcome.usageUnknown.set(
        request.image.imageId,
        `its usage report failed: ${oneLine(reason ?? 'no reason given')}`,
      );
  }
  await readEntries(region, ids, outcome);
  valuesOrThrow(await mapConcurrent(ids, CONCURRENCY, (id) => deleteReport(ec2, id)));
  journal.settle();
  for (const { request } of made) {
    const users = outcome.usage.get(request.image.imageId);
    if (users?.size) core.info(`${region} ${request.image.imageId}: ${oneLine(describeUsers(users))}`);
  }
}

async function reportStates(region: string, ids: string[]) {
  const ec2 = awsClient(EC2Client, region, 'poll');
  const states = new Map<string, { state: string; reason?: string }>();
  const pages = everyPage(ids, (ReportIds) =>
    paginateDescribeImageUsageReports({ client: ec2, pageSize: 1000 }, { ReportIds }),
  );
  for await (const page of pages) {
    for (const r of page.ImageUsageReports ?? []) {
      if (r.ReportId) states.set(r.ReportId, { state: r.State ?? 'pending', reason: r.StateReason });
    }
  }
  return states;
}

async function readEntries(region: string, ids: string[], outcome: RegionOutcome): Promise<void> {
  const ec2 = awsClient(EC2Client, region);
  const pages = everyPage(ids, (ReportIds) =>
    paginateDescribeImageUsageReportEntries({ client: ec2, pageSize: 1000 }, { ReportIds }),
  );
  for await (const page of pages) {
    for (const entry of page.ImageUsageReportEntries ?? []) {
      const { ImageId, AccountId, ResourceType, UsageCount } = entry;
      if (!ImageId || !AccountId || !UsageCount) continue;
      const users = outcome.usage.get(ImageId) ?? new Map<string, string[]>();
      users.set(AccountId, [
        ...(users.get(AccountId) ?? []),
        `${UsageCount} ${resourceWords(ResourceType, UsageCount)}`,
      ]);
      outcome.usage.set(ImageId, users);
    }
  }
}

/** Every page of a describe that takes at most 200 report ids, over as many calls as `ids` need. */
async function* everyPage<P>(ids: string[], pages: (batch: string[]) => AsyncIterable<P>): AsyncIterable<P> {
  for (let at = 0; at < ids.length; at += IDS_PER_DESCRIBE)
    yield* pages(ids.slice(at, at + IDS_PER_DESCRIBE));
}

function resourceWords(type: string | undefined, count: number): string {
  const s = count === 1 ? '' : 's';
  if (type === 'ec2:Instance') return `instance${s}`;
  if (type === 'ec2:LaunchTemplate') return `launch template${s}`;
  return `${type ?? 'resource'}${s}`;
}

export function describeUsers(users: Map<string, string[]>): string {
  return [...users]
    .map(([account, uses]) => `account ${account} references it (${uses.join(', ')})`)
    .join('; ');
}

/** Why a shared AMI must not move after all (another account references it, or its usage is unknown). */
export function heldBack(image: OwnImage, outcome: RegionOutcome): string | undefined {
  const unknown = outcome.usageUnknown.get(image.imageId);
  if (unknown) return unknown;
  const users = new Map(
    [...(outcome.usage.get(image.imageId) ?? [])].filter(([account]) => account !== image.ownerId),
  );
  return users.size ? describeUsers(users) : undefined;
}

/** Deletes a report; one gone already (deleted, or expired after 30 days) is fine. */
async function deleteReport(ec2: EC2Client, reportId: string): Promise<void> {
  await ec2.send(new DeleteImageUsageReportCommand({ ReportId: reportId })).catch((error) => {
    if (!isNotFound(error)) throw error;
  });
}

/** The undo of reports a step made and could not delete (EC2 deletes them after 30 days anyway). */
export async function deleteUsageReports(
  undo: UndoOf<'delete-image-usage-reports'>,
  _scope: UndoScope,
): Promise<string> {
  const ec2 = awsClient(EC2Client, undo.region);
  for (const id of undo.reportIds) await deleteReport(ec2, id);
  return `deleted ${undo.reportIds.length} image usage report(s) in ${undo.region}`;
}
