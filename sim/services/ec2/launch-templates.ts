/**
 * Launch templates with numbered versions: CreateLaunchTemplate, CreateLaunchTemplateVersion
 * (`SourceVersion` copies that version's data, then the given data is merged over it),
 * DescribeLaunchTemplates, DescribeLaunchTemplateVersions (`$Latest`, `$Default`, numbers, ranges,
 * filters), ModifyLaunchTemplate (default version), DeleteLaunchTemplateVersions, DeleteLaunchTemplate.
 */
import type {
  CreateLaunchTemplateCommandInput,
  CreateLaunchTemplateCommandOutput,
  CreateLaunchTemplateVersionCommandInput,
  CreateLaunchTemplateVersionCommandOutput,
  DeleteLaunchTemplateCommandInput,
  DeleteLaunchTemplateCommandOutput,
  DeleteLaunchTemplateVersionsCommandInput,
  DeleteLaunchTemplateVersionsCommandOutput,
  DescribeLaunchTemplatesCommandInput,
  DescribeLaunchTemplatesCommandOutput,
  DescribeLaunchTemplateVersionsCommandInput,
  DescribeLaunchTemplateVersionsCommandOutput,
  LaunchTemplate,
  LaunchTemplateVersion,
  ModifyLaunchTemplateCommandInput,
  ModifyLaunchTemplateCommandOutput,
  ResponseLaunchTemplateData,
} from '@aws-sdk/client-ec2';
import { paginate } from '../../core/pagination.js';
import { nowIso } from '../../core/time.js';
import { AwsError, type Handler, type SimulatorApi } from '../../core/types.js';
import { applyFilters, type FilterFields } from './filters.js';
import { idempotent } from './idempotency.js';
import { newId } from './ids.js';
import { EC2_PAGING } from './limits.js';
import { regionState } from './region.js';
import type { LaunchTemplateRecord, LaunchTemplateVersionRecord, Tag } from './state.js';
import { checkTagSpecTypes, tagsFor } from './tags.js';

/** The region's launch templates by id (created on first use). */
export function launchTemplates(sim: SimulatorApi, region: string): Record<string, LaunchTemplateRecord> {
  const r = regionState(sim, region);
  r.launchTemplates ??= {};
  return r.launchTemplates;
}

const NAME = /^[a-zA-Z0-9().\-/_]{3,128}$/;

function createdBy(ctx: { accountId: string }): string {
  return `arn:aws:iam::${ctx.accountId}:root`;
}

/** Finds a template by `LaunchTemplateId` or `LaunchTemplateName`, with EC2's errors. */
export function findLaunchTemplate(
  sim: SimulatorApi,
  region: string,
  ref: { LaunchTemplateId?: string; LaunchTemplateName?: string },
): LaunchTemplateRecord {
  const all = launchTemplates(sim, region);
  if (ref.LaunchTemplateId) {
    if (!/^lt-[0-9a-f]{17}$/.test(ref.LaunchTemplateId)) {
      throw new AwsError(
        'InvalidLaunchTemplateId.Malformed',
        `The specified ID (${ref.LaunchTemplateId}) is not valid. Specify a valid launch template ID.`,
      );
    }
    const lt = all[ref.LaunchTemplateId];
    if (!lt) {
      throw new AwsError(
        'InvalidLaunchTemplateId.NotFound',
        `The specified launch template, with template ID ${ref.LaunchTemplateId}, does not exist.`,
      );
    }
    return lt;
  }
  if (ref.LaunchTemplateName) {
    const lt = Object.values(all).find((t) => t.LaunchTemplateName === ref.LaunchTemplateName);
    if (!lt) {
      throw new AwsError(
        'InvalidLaunchTemplateName.NotFoundException',
        `The specified launch template, with template name ${ref.LaunchTemplateName}, does not exist.`,
      );
    }
    return lt;
  }
  throw new AwsError(
    'MissingParameter',
    'The request must contain the parameter launchTemplateName or launchTemplateId',
  );
}

/** Resolves `$Latest`, `$Default` or a number to a version record, or throws VersionNotFound. */
export function resolveVersion(lt: LaunchTemplateRecord, version: unknown): LaunchTemplateVersionRecord {
  const v = version === undefined || version === null || version === '' ? '$Default' : String(version);
  const n = v === '$Latest' ? lt.LatestVersionNumber : v === '$Default' ? lt.DefaultVersionNumber : Number(v);
  const rec = Number.isInteger(n) ? lt.versions[String(n)] : undefined;
  if (!rec) {
    throw new AwsError(
      'InvalidLaunchTemplateId.VersionNotFound',
      `Could not find launch template version ${v} for launch template ${lt.LaunchTemplateId}.`,
    );
  }
  return rec;
}

function checkData(data: unknown): Record<string, any> {
  if (!data || typeof data !== 'object') {
    throw new AwsError('MissingParameter', 'The request must contain the parameter launchTemplateData');
  }
  const d = data as Record<string, any>;
  if (d.ImageId !== undefined && !/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(String(d.ImageId))) {
    if (!String(d.ImageId).startsWith('resolve:ssm:')) {
      throw new AwsError('InvalidAMIID.Malformed', `Invalid id: "${d.ImageId}" (expecting "ami-...")`);
    }
  }
  return structuredClone(d);
}

function addVersion(
  lt: LaunchTemplateRecord,
  data: Record<string, any>,
  description: string | undefined,
  ctx: { accountId: string; sim: SimulatorApi },
): LaunchTemplateVersionRecord {
  const n = lt.LatestVersionNumber + 1;
  const rec: LaunchTemplateVersionRecord = {
    VersionNumber: n,
    VersionDescription: description,
    CreateTime: nowIso(ctx.sim),
    CreatedBy: createdBy(ctx),
    LaunchTemplateData: data,
  };
  lt.versions[String(n)] = rec;
  lt.LatestVersionNumber = n;
  return rec;
}

function templateOutput(lt: LaunchTemplateRecord): LaunchTemplate {
  return {
    LaunchTemplateId: lt.LaunchTemplateId,
    LaunchTemplateName: lt.LaunchTemplateName,
    CreateTime: new Date(lt.CreateTime),
    CreatedBy: lt.CreatedBy,
    DefaultVersionNumber: lt.DefaultVersionNumber,
    LatestVersionNumber: lt.LatestVersionNumber,
    Tags: lt.Tags.length ? lt.Tags : undefined,
  };
}

function versionOutput(
  lt: LaunchTemplateRecord,
  v: LaunchTemplateVersionRecord,
): LaunchTemplateVersion & { LaunchTemplateData: ResponseLaunchTemplateData } {
  return {
    LaunchTemplateId: lt.LaunchTemplateId,
    LaunchTemplateName: lt.LaunchTemplateName,
    VersionNumber: v.VersionNumber,
    VersionDescription: v.VersionDescription,
    CreateTime: new Date(v.CreateTime),
    CreatedBy: v.CreatedBy,
    DefaultVersion: v.VersionNumber === lt.DefaultVersionNumber,
    // Stored as the caller gave it (checked); every member the simulator keeps has the same shape both ways.
    LaunchTemplateData: v.LaunchTemplateData as ResponseLaunchTemplateData,
  };
}

/** Creates a template with version 1 (used by the handler and by scenario seeds). */
export function createLaunchTemplate(
  sim: SimulatorApi,
  region: string,
  name: string,
  data: Record<string, any>,
  opts: { description?: string; tags?: Tag[]; id?: string } = {},
): LaunchTemplateRecord {
  if (!NAME.test(name)) {
    throw new AwsError(
      'InvalidLaunchTemplateName.MalformedException',
      `A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.`,
    );
  }
  const all = launchTemplates(sim, region);
  if (Object.values(all).some((t) => t.LaunchTemplateName === name)) {
    throw new AwsError(
      'InvalidLaunchTemplateName.AlreadyExistsException',
      `Launch template name already in use.`,
    );
  }
  const ctx = { accountId: sim.accountId, sim };
  const lt: LaunchTemplateRecord = {
    LaunchTemplateId: opts.id ?? newId('lt'),
    LaunchTemplateName: name,
    CreateTime: nowIso(sim),
    CreatedBy: createdBy(ctx),
    DefaultVersionNumber: 1,
    LatestVersionNumber: 0,
    Tags: opts.tags ?? [],
    versions: {},
  };
  addVersion(lt, checkData(data), opts.description, ctx);
  all[lt.LaunchTemplateId] = lt;
  return lt;
}

export const CreateLaunchTemplate: Handler<
  CreateLaunchTemplateCommandInput,
  CreateLaunchTemplateCommandOutput
> = (input, ctx) => {
  checkTagSpecTypes(input.TagSpecifications, ['launch-template']);
  const r = regionState(ctx.sim, ctx.region);
  const params = { n: input.LaunchTemplateName, d: input.LaunchTemplateData };
  const id = idempotent(r, 'CreateLaunchTemplate', input.ClientToken, params, () => {
    const lt = createLaunchTemplate(
      ctx.sim,
      ctx.region,
      String(input.LaunchTemplateName ?? ''),
      checkData(input.LaunchTemplateData),
      { description: input.VersionDescription, tags: tagsFor(input.TagSpecifications, 'launch-template') },
    );
    return lt.LaunchTemplateId;
  });
  return { LaunchTemplate: templateOutput(launchTemplates(ctx.sim, ctx.region)[id]) };
};

/** Merges `over` into `base` the way a new version built from a source version does. */
function merge(base: Record<string, any>, over: Record<string, any>): Record<string, any> {
  const out = structuredClone(base);
  for (const [k, v] of Object.entries(over)) {
    if (v !== undefined) out[k] = structuredClone(v);
  }
  return out;
}

export const CreateLaunchTemplateVersion: Handler<
  CreateLaunchTemplateVersionCommandInput,
  CreateLaunchTemplateVersionCommandOutput
> = (input, ctx) => {
  const r = regionState(ctx.sim, ctx.region);
  const lt = findLaunchTemplate(ctx.sim, ctx.region, input);
  const data = checkData(input.LaunchTemplateData);
  const params = { t: lt.LaunchTemplateId, s: input.SourceVersion, d: data, v: input.VersionDescription };
  const n = idempotent(r, 'CreateLaunchTemplateVersion', input.ClientToken, params, () => {
    const merged =
      input.SourceVersion !== undefined
        ? merge(resolveVersion(lt, input.SourceVersion).LaunchTemplateData, data)
        : data;
    return String(addVersion(lt, merged, input.VersionDescription, ctx).VersionNumber);
  });
  return { LaunchTemplateVersion: versionOutput(lt, lt.versions[n]) };
};

const TEMPLATE_FILTERS: FilterFields<LaunchTemplateRecord> = {
  'create-time': (t) => t.CreateTime,
  'launch-template-name': (t) => t.LaunchTemplateName,
};

export const DescribeLaunchTemplates: Handler<
  DescribeLaunchTemplatesCommandInput,
  DescribeLaunchTemplatesCommandOutput
> = (input, ctx) => {
  const all = Object.values(launchTemplates(ctx.sim, ctx.region));
  let items = all;
  const ids: string[] = input.LaunchTemplateIds ?? [];
  const names: string[] = input.LaunchTemplateNames ?? [];
  if (ids.length || names.length) {
    items = [
      ...ids.map((id) => findLaunchTemplate(ctx.sim, ctx.region, { LaunchTemplateId: id })),
      ...names.map((n) => findLaunchTemplate(ctx.sim, ctx.region, { LaunchTemplateName: n })),
    ];
  }
  const matched = applyFilters(items, input.Filters, TEMPLATE_FILTERS);
  const { page, next } = paginate(matched, input, EC2_PAGING.DescribeLaunchTemplates);
  return { LaunchTemplates: page.map(templateOutput), NextToken: next };
};

type VersionView = LaunchTemplateVersion & { LaunchTemplateData: ResponseLaunchTemplateData; Tags?: Tag[] };

const VERSION_FILTERS: FilterFields<VersionView> = {
  'create-time': (v) => v.CreateTime?.toISOString(),
  'ebs-optimized': (v) => String(!!v.LaunchTemplateData.EbsOptimized),
  'iam-instance-profile': (v) => [
    v.LaunchTemplateData.IamInstanceProfile?.Arn,
    v.LaunchTemplateData.IamInstanceProfile?.Name,
  ],
  'image-id': (v) => v.LaunchTemplateData.ImageId,
  'instance-type': (v) => v.LaunchTemplateData.InstanceType,
  'is-default-version': (v) => String(v.DefaultVersion),
  'kernel-id': (v) => v.LaunchTemplateData.KernelId,
  'ram-disk-id': (v) => v.LaunchTemplateData.RamDiskId,
};

export const DescribeLaunchTemplateVersions: Handler<
  DescribeLaunchTemplateVersionsCommandInput,
  DescribeLaunchTemplateVersionsCommandOutput
> = (input, ctx) => {
  const versions: string[] = input.Versions ?? [];
  const hasTemplate = !!(input.LaunchTemplateId || input.LaunchTemplateName);
  const templates = hasTemplate
    ? [findLaunchTemplate(ctx.sim, ctx.region, input)]
    : Object.values(launchTemplates(ctx.sim, ctx.region));
  if (!hasTemplate && versions.some((v) => /^\d+$/.test(v))) {
    throw new AwsError(
      'InvalidParameterCombination',
      'A launch template ID or name must be specified when numbered versions are requested.',
    );
  }
  const out: VersionView[] = [];
  for (const lt of templates) {
    let recs: LaunchTemplateVersionRecord[];
    if (versions.length) {
      const seen = new Set<number>();
      recs = [];
      for (const v of versions) {
        if (!hasTemplate && /^\d+$/.test(v)) continue;
        const rec = resolveVersion(lt, v);
        if (!seen.has(rec.VersionNumber)) recs.push(rec);
        seen.add(rec.VersionNumber);
      }
    } else {
      recs = Object.values(lt.versions).sort((a, b) => b.VersionNumber - a.VersionNumber);
    }
    const min = input.MinVersion !== undefined ? Number(input.MinVersion) : -Infinity;
    const max = input.MaxVersion !== undefined ? Number(input.MaxVersion) : Infinity;
    for (const rec of recs) {
      if (rec.VersionNumber >= min && rec.VersionNumber <= max)
        out.push({ ...versionOutput(lt, rec), Tags: lt.Tags });
    }
  }
  const matched = applyFilters(out, input.Filters, VERSION_FILTERS).map(({ Tags: _t, ...v }) => v);
  const { page, next } = paginate(matched, input, EC2_PAGING.DescribeLaunchTemplateVersions);
  return { LaunchTemplateVersions: page, NextToken: next };
};

export const ModifyLaunchTemplate: Handler<
  ModifyLaunchTemplateCommandInput,
  ModifyLaunchTemplateCommandOutput
> = (input, ctx) => {
  const lt = findLaunchTemplate(ctx.sim, ctx.region, input);
  if (input.DefaultVersion !== undefined) {
    lt.DefaultVersionNumber = resolveVersion(lt, input.DefaultVersion).VersionNumber;
  }
  return { LaunchTemplate: templateOutput(lt) };
};

export const DeleteLaunchTemplateVersions: Handler<
  DeleteLaunchTemplateVersionsCommandInput,
  DeleteLaunchTemplateVersionsCommandOutput
> = (input, ctx) => {
  const lt = findLaunchTemplate(ctx.sim, ctx.region, input);
  const ok: any[] = [];
  const failed: any[] = [];
  const base = { LaunchTemplateId: lt.LaunchTemplateId, LaunchTemplateName: lt.LaunchTemplateName };
  for (const v of (input.Versions ?? []) as string[]) {
    const n = Number(v);
    const fail = (Code: string, Message: string) =>
      failed.push({
        ...base,
        VersionNumber: Number.isInteger(n) ? n : undefined,
        ResponseError: { Code, Message },
      });
    if (!/^\d+$/.test(v)) fail('launchTemplateVersionDoesNotExist', `Invalid version: ${v}`);
    else if (!lt.versions[String(n)]) {
      fail('launchTemplateVersionDoesNotExist', `The specified launch template version does not exist.`);
    } else if (n === lt.DefaultVersionNumber) {
      fail('launchTemplateVersionIsDefault', 'You cannot delete the default version of a launch template.');
    } else {
      delete lt.versions[String(n)];
      ok.push({ ...base, VersionNumber: n });
    }
  }
  return {
    SuccessfullyDeletedLaunchTemplateVersions: ok,
    UnsuccessfullyDeletedLaunchTemplateVersions: failed,
  };
};

export const DeleteLaunchTemplate: Handler<
  DeleteLaunchTemplateCommandInput,
  DeleteLaunchTemplateCommandOutput
> = (input, ctx) => {
  const lt = findLaunchTemplate(ctx.sim, ctx.region, input);
  delete launchTemplates(ctx.sim, ctx.region)[lt.LaunchTemplateId];
  return { LaunchTemplate: templateOutput(lt) };
};
