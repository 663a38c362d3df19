/**
 * Image usage reports: CreateImageUsageReport, DescribeImageUsageReports,
 * DescribeImageUsageReportEntries, DeleteImageUsageReport. The owner of an image learns which accounts
 * reference it from instances and launch templates, without any role in those accounts: the report
 * reads every simulated account's state of the region (only read, never created). A report is
 * `pending` for `DURATIONS.imageUsageReportSeconds`, then `available` with the usage as it stood when
 * it was made; EC2 deletes it 30 days after it was made.
 */
import type {
  CreateImageUsageReportCommandInput,
  CreateImageUsageReportCommandOutput,
  DeleteImageUsageReportCommandInput,
  DeleteImageUsageReportCommandOutput,
  DescribeImageUsageReportEntriesCommandInput,
  DescribeImageUsageReportEntriesCommandOutput,
  DescribeImageUsageReportsCommandInput,
  DescribeImageUsageReportsCommandOutput,
} from '@aws-sdk/client-ec2';
import { everyAccount } from '../../core/accounts.js';
import { paginate } from '../../core/pagination.js';
import { DURATIONS, isoAfter, ms } from '../../core/time.js';
import { AwsError, type CallContext, type Handler, type SimulatorApi } from '../../core/types.js';
import { applyFilters, type FilterFields } from './filters.js';
import { newId } from './ids.js';
import { ownedImage } from './images.js';
import { instanceState } from './lifecycle.js';
import { EC2_PAGING, IMAGE_USAGE } from './limits.js';
import { regionState } from './region.js';
import { peekRegion } from './shared.js';
import type { Ec2Region, ImageUsageReportRecord } from './state.js';
import { tagsFor } from './tags.js';

const RESOURCE_TYPES = [
  'ec2:Instance',
  'ec2:LaunchTemplate',
  'imagebuilder:ImageRecipe',
  'imagebuilder:ContainerRecipe',
];
/** Instances that reference their image: not terminated (nor shutting down). */
const REFERENCING_STATES = new Set(['pending', 'running', 'stopping', 'stopped']);
const EXPIRY_DAYS = 30;

const reports = (r: Ec2Region) => {
  r.imageUsageReports ??= {};
  return r.imageUsageReports;
};

function liveReports(ctx: CallContext): ImageUsageReportRecord[] {
  const now = ctx.sim.clock.nowMs();
  return Object.values(reports(regionState(ctx.sim, ctx.region))).filter((r) => ms(r.expiresAt) > now);
}

function reportState(report: ImageUsageReportRecord, nowMs: number): 'pending' | 'available' {
  return nowMs < ms(report.availableAt) ? 'pending' : 'available';
}

function versionDepth(types: ImageUsageReportRecord['ResourceTypes']): number {
  const option = types
    .find((t) => t.ResourceType === 'ec2:LaunchTemplate')
    ?.ResourceTypeOptions?.find((o) => o.OptionName === 'version-depth');
  return option ? Number(option.OptionValues[0]) : IMAGE_USAGE.defaultVersionDepth;
}

/** How one account's state of the region references the image, per resource type. */
function usageIn(account: SimulatorApi, region: string, imageId: string, depth: number, nowMs: number) {
  const r = peekRegion(account, region);
  if (!r) return { instances: 0, templates: 0 };
  const instances = Object.values(r.instances).filter(
    (i) => i.ImageId === imageId && REFERENCING_STATES.has(instanceState(i, nowMs)),
  ).length;
  const templates = Object.values(r.launchTemplates ?? {}).filter((t) =>
    Object.values(t.versions)
      .sort((a, b) => b.VersionNumber - a.VersionNumber)
      .slice(0, depth)
      .some((v) => v.LaunchTemplateData?.ImageId === imageId),
  ).length;
  return { instances, templates };
}

function checkResourceTypes(
  input: CreateImageUsageReportCommandInput,
): ImageUsageReportRecord['ResourceTypes'] {
  const types = input.ResourceTypes ?? [];
  if (!types.length) {
    throw new AwsError('MissingParameter', 'The request must contain the parameter ResourceTypes');
  }
  return types.map((t) => {
    if (!RESOURCE_TYPES.includes(String(t.ResourceType))) {
      throw new AwsError(
        'InvalidParameterValue',
        `Value (${t.ResourceType}) for parameter ResourceType is invalid. Valid values: ${RESOURCE_TYPES.join(' | ')}`,
      );
    }
    const options = (t.ResourceTypeOptions ?? []).map((o) => {
      const value = Number(o.OptionValues?.[0]);
      if (
        t.ResourceType !== 'ec2:LaunchTemplate' ||
        o.OptionName !== 'version-depth' ||
        o.OptionValues?.length !== 1 ||
        !Number.isInteger(value) ||
        value < 1 ||
        value > IMAGE_USAGE.maxVersionDepth
      ) {
        throw new AwsError(
          'InvalidParameterValue',
          `ResourceTypeOptions: only version-depth (1 to ${IMAGE_USAGE.maxVersionDepth}) of ec2:LaunchTemplate is valid.`,
        );
      }
      return { OptionName: 'version-depth', OptionValues: [String(value)] };
    });
    return {
      ResourceType: String(t.ResourceType),
      ...(options.length ? { ResourceTypeOptions: options } : {}),
    };
  });
}

export const CreateImageUsageReport: Handler<
  CreateImageUsageReportCommandInput,
  CreateImageUsageReportCommandOutput
> = (input, ctx) => {
  const img = ownedImage(ctx, input.ImageId);
  const types = checkResourceTypes(input);
  const accountIds = input.AccountIds;
  if (accountIds && accountIds.length > IMAGE_USAGE.accountsPerReport) {
    throw new AwsError(
      'InvalidParameterValue',
      `AccountIds: at most ${IMAGE_USAGE.accountsPerReport} account IDs per report (got ${accountIds.length}).`,
    );
  }
  for (const id of accountIds ?? []) {
    if (!/^\d{12}$/.test(id)) throw new AwsError('InvalidParameterValue', `Invalid account ID: ${id}`);
  }
  const now = ctx.sim.clock.nowMs();
  const depth = versionDepth(types);
  const wanted = new Set(types.map((t) => t.ResourceType));
  const entries: ImageUsageReportRecord['entries'] = [];
  for (const account of everyAccount(ctx.sim)) {
    if (accountIds?.length && !accountIds.includes(account.accountId)) continue;
    const usage = usageIn(account, ctx.region, img.ImageId, depth, now);
    if (wanted.has('ec2:Instance') && usage.instances) {
      entries.push({
        ResourceType: 'ec2:Instance',
        AccountId: account.accountId,
        UsageCount: usage.instances,
      });
    }
    if (wanted.has('ec2:LaunchTemplate') && usage.templates) {
      entries.push({
        ResourceType: 'ec2:LaunchTemplate',
        AccountId: account.accountId,
        UsageCount: usage.templates,
      });
    }
  }
  const report: ImageUsageReportRecord = {
    ReportId: newId('amiusage'),
    ImageId: img.ImageId,
    ResourceTypes: types,
    AccountIds: accountIds?.length ? [...accountIds] : undefined,
    Tags: tagsFor(input.TagSpecifications, 'image-usage-report'),
    createdAt: new Date(now).toISOString(),
    availableAt: isoAfter(now, DURATIONS.imageUsageReportSeconds),
    expiresAt: isoAfter(now, EXPIRY_DAYS * 86400),
    entries,
  };
  reports(regionState(ctx.sim, ctx.region))[report.ReportId] = report;
  return { ReportId: report.ReportId };
};

type ReportView = NonNullable<DescribeImageUsageReportsCommandOutput['ImageUsageReports']>[number];

const REPORT_FILTERS: FilterFields<ReportView> = {
  state: (r) => r.State,
  'creation-time': (r) => r.CreationTime?.toISOString(),
};

function checkIds(name: string, ids: string[] | undefined): void {
  if ((ids?.length ?? 0) > IMAGE_USAGE.idsPerDescribe) {
    throw new AwsError(
      'InvalidParameterValue',
      `${name}: at most ${IMAGE_USAGE.idsPerDescribe} IDs per call.`,
    );
  }
}

function selected(ctx: CallContext, input: { ImageIds?: string[]; ReportIds?: string[] }) {
  checkIds('ImageIds', input.ImageIds);
  checkIds('ReportIds', input.ReportIds);
  const live = liveReports(ctx);
  for (const id of input.ReportIds ?? []) {
    if (!live.some((r) => r.ReportId === id)) {
      throw new AwsError(
        'InvalidImageUsageReportId.NotFound',
        `The image usage report ID '${id}' does not exist`,
      );
    }
  }
  return live
    .filter((r) => !input.ReportIds?.length || input.ReportIds.includes(r.ReportId))
    .filter((r) => !input.ImageIds?.length || input.ImageIds.includes(r.ImageId))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.ReportId.localeCompare(b.ReportId));
}

export const DescribeImageUsageReports: Handler<
  DescribeImageUsageReportsCommandInput,
  DescribeImageUsageReportsCommandOutput
> = (input, ctx) => {
  const now = ctx.sim.clock.nowMs();
  const views: ReportView[] = selected(ctx, input).map((r) => ({
    ImageId: r.ImageId,
    ReportId: r.ReportId,
    ResourceTypes: r.ResourceTypes,
    AccountIds: r.AccountIds,
    State: reportState(r, now),
    CreationTime: new Date(r.createdAt),
    ExpirationTime: new Date(r.expiresAt),
    Tags: r.Tags.length ? r.Tags : undefined,
  }));
  const matched = applyFilters(views, input.Filters, REPORT_FILTERS);
  const { page, next } = paginate(matched, input, EC2_PAGING.DescribeImageUsageReports);
  return { ImageUsageReports: page, NextToken: next };
};

type EntryView = NonNullable<
  DescribeImageUsageReportEntriesCommandOutput['ImageUsageReportEntries']
>[number] & {
  Tags?: undefined;
};

const ENTRY_FILTERS: FilterFields<EntryView> = {
  'account-id': (e) => e.AccountId,
  'resource-type': (e) => e.ResourceType,
  'creation-time': (e) => e.ReportCreationTime?.toISOString(),
};

export const DescribeImageUsageReportEntries: Handler<
  DescribeImageUsageReportEntriesCommandInput,
  DescribeImageUsageReportEntriesCommandOutput
> = (input, ctx) => {
  const now = ctx.sim.clock.nowMs();
  const entries: EntryView[] = selected(ctx, input)
    .filter((r) => reportState(r, now) === 'available')
    .flatMap((r) =>
      r.entries.map((e) => ({
        ...e,
        ReportId: r.ReportId,
        ImageId: r.ImageId,
        ReportCreationTime: new Date(r.createdAt),
      })),
    );
  const matched = applyFilters(entries, input.Filters, ENTRY_FILTERS);
  const { page, next } = paginate(matched, input, EC2_PAGING.DescribeImageUsageReportEntries);
  return { ImageUsageReportEntries: page, NextToken: next };
};

export const DeleteImageUsageReport: Handler<
  DeleteImageUsageReportCommandInput,
  DeleteImageUsageReportCommandOutput
> = (input, ctx) => {
  const all = reports(regionState(ctx.sim, ctx.region));
  const id = String(input.ReportId ?? '');
  if (!liveReports(ctx).some((r) => r.ReportId === id)) {
    throw new AwsError(
      'InvalidImageUsageReportId.NotFound',
      `The image usage report ID '${id}' does not exist`,
    );
  }
  delete all[id];
  return { Return: true };
};
