/**
 * Auto Scaling groups and the launch templates they launch, the one reading every mode shares
 * (deploy, rollback, cleanup): a group refers to its template directly, or through a mixed instances
 * policy whose overrides may name templates of their own; each reference resolves to a numbered
 * version, and each version to an AMI (through `resolve:ssm:<parameter>` when it names one).
 */
import {
  AutoScalingClient,
  type AutoScalingGroup,
  paginateDescribeAutoScalingGroups,
} from '@aws-sdk/client-auto-scaling';
import {
  DescribeLaunchTemplateVersionsCommand,
  EC2Client,
  type LaunchTemplate,
  type LaunchTemplateVersion,
  paginateDescribeLaunchTemplates,
  paginateDescribeLaunchTemplateVersions,
} from '@aws-sdk/client-ec2';
import { awsClient, type ClientUse } from './clients.js';
import { isNotFound } from './errors.js';
import { mapConcurrent, valuesOrThrow } from './fanout.js';
import { loadSsm } from './ssm.js';

/** DescribeAutoScalingGroups: names per call and the page size it allows at most. */
const GROUP_NAMES_PER_CALL = 100;
const SSM_IMAGE_REF = /^resolve:ssm:(.+)$/;

export interface TemplateSpec {
  LaunchTemplateId?: string;
  LaunchTemplateName?: string;
  Version?: string;
}

/** Where a group refers to a template. */
export type TemplateSite = { kind: 'group' } | { kind: 'mixed' } | { kind: 'override'; index: number };

/** One launch template a group launches from, resolved. */
export interface TemplateUse {
  /** Every place of the group that refers to this template (by the same reference). */
  sites: TemplateSite[];
  templateId: string;
  templateName: string;
  /** As the group refers to it: a number, `$Latest` or `$Default`. */
  versionRef: string;
  /** The numbered version that resolves to now. */
  version: number;
  /** The version's ImageId as written: an AMI id or `resolve:ssm:<parameter>`. */
  imageRef: string;
  /** The AMI it launches now (the parameter's value for `resolve:ssm:`), when known. */
  ami?: string;
  /** The version's description (deploy's history record). */
  description?: string;
}

export interface GroupState {
  region: string;
  name: string;
  group: AutoScalingGroup;
  /** True when the group's templates sit inside a MixedInstancesPolicy. */
  mixed: boolean;
  /** The group's templates: its own (or the mixed policy's) first, then the overrides' own. */
  templates: TemplateUse[];
}

export class GroupError extends Error {
  override name = 'GroupError';
}

/** The groups of those names that exist, every page, names batched at the per-call limit. */
export async function describeGroups(
  region: string,
  names: string[],
  use: ClientUse = 'call',
): Promise<AutoScalingGroup[]> {
  const groups: AutoScalingGroup[] = [];
  for (let at = 0; at < names.length; at += GROUP_NAMES_PER_CALL) {
    const pages = paginateDescribeAutoScalingGroups(
      { client: awsClient(AutoScalingClient, region, use), pageSize: GROUP_NAMES_PER_CALL },
      { AutoScalingGroupNames: names.slice(at, at + GROUP_NAMES_PER_CALL) },
    );
    for await (const page of pages) groups.push(...(page.AutoScalingGroups ?? []));
  }
  return groups;
}

/** Every group of the region, every page. */
export async function allGroups(region: string): Promise<AutoScalingGroup[]> {
  const groups: AutoScalingGroup[] = [];
  const pages = paginateDescribeAutoScalingGroups(
    { client: awsClient(AutoScalingClient, region), pageSize: GROUP_NAMES_PER_CALL },
    {},
  );
  for await (const page of pages) groups.push(...(page.AutoScalingGroups ?? []));
  return groups;
}

export async function describeGroup(
  region: string,
  name: string,
  use: ClientUse = 'call',
): Promise<AutoScalingGroup> {
  const group = (await describeGroups(region, [name], use))[0];
  if (!group) {
    throw new GroupError(
      `Auto Scaling group '${name}' was not found in ${region}. Check the asg input and region.`,
    );
  }
  return group;
}

/** Every template reference of a group with where it sits: its own, the mixed policy's, the overrides'. */
export function templateSites(group: AutoScalingGroup): { spec: TemplateSpec; site: TemplateSite }[] {
  const mixed = group.MixedInstancesPolicy?.LaunchTemplate;
  const found: { spec: TemplateSpec | undefined; site: TemplateSite }[] = [
    { spec: group.LaunchTemplate, site: { kind: 'group' } },
    { spec: mixed?.LaunchTemplateSpecification, site: { kind: 'mixed' } },
    ...(mixed?.Overrides ?? []).map((o, index) => ({
      spec: o.LaunchTemplateSpecification,
      site: { kind: 'override', index } as TemplateSite,
    })),
  ];
  return found.filter(
    (f): f is { spec: TemplateSpec; site: TemplateSite } =>
      !!f.spec && !!(f.spec.LaunchTemplateId || f.spec.LaunchTemplateName),
  );
}

/** The distinct template references of a group (a template two overrides share counts once). */
export function templateSpecs(group: AutoScalingGroup): TemplateSpec[] {
  const seen = new Set<string>();
  return templateSites(group)
    .map(({ spec }) => spec)
    .filter((spec) => {
      const key = `${spec.LaunchTemplateId ?? spec.LaunchTemplateName}@${spec.Version ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** The version a template reference resolves to (`$Default` when it names none); undefined when gone. */
export async function resolveTemplateSpec(
  region: string,
  spec: TemplateSpec,
): Promise<LaunchTemplateVersion | undefined> {
  try {
    const { LaunchTemplateVersions = [] } = await awsClient(EC2Client, region).send(
      new DescribeLaunchTemplateVersionsCommand({
        ...(spec.LaunchTemplateId
          ? { LaunchTemplateId: spec.LaunchTemplateId }
          : { LaunchTemplateName: spec.LaunchTemplateName }),
        Versions: [spec.Version || '$Default'],
      }),
    );
    return LaunchTemplateVersions[0];
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** One numbered version of a template. */
export async function templateVersion(
  region: string,
  templateId: string,
  version: number,
): Promise<LaunchTemplateVersion | undefined> {
  return resolveTemplateSpec(region, { LaunchTemplateId: templateId, Version: String(version) });
}

/** The AMI a version launches, and how it names it when through SSM. */
export async function imageOfVersion(
  region: string,
  version: LaunchTemplateVersion,
): Promise<{ imageId: string; via: string } | undefined> {
  const imageId = version.LaunchTemplateData?.ImageId;
  if (!imageId) return undefined;
  const parameter = SSM_IMAGE_REF.exec(imageId)?.[1];
  if (!parameter) return { imageId, via: '' };
  try {
    const { GetParameterCommand, SSMClient } = await loadSsm();
    const { Parameter } = await awsClient(SSMClient, region).send(
      new GetParameterCommand({ Name: parameter }),
    );
    return Parameter?.Value
      ? { imageId: Parameter.Value, via: ` (through SSM parameter ${parameter})` }
      : undefined;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** A group with each of its launch templates resolved to a numbered version and an AMI. */
export async function readGroup(region: string, name: string): Promise<GroupState> {
  const group = await describeGroup(region, name);
  const specs = templateSites(group);
  if (!specs.length) {
    throw new GroupError(
      `Auto Scaling group '${name}' in ${region} uses no launch template (a launch configuration?). ` +
        'Instance refresh with a new AMI needs a launch template: migrate the group to one first.',
    );
  }
  const templates: TemplateUse[] = [];
  for (const { spec, site } of specs) {
    const versionRef = spec.Version || '$Default';
    const same = templates.find(
      (t) =>
        (t.templateId === spec.LaunchTemplateId || t.templateName === spec.LaunchTemplateName) &&
        t.versionRef === versionRef,
    );
    if (same) {
      same.sites.push(site);
      continue;
    }
    const version = await resolveTemplateSpec(region, spec);
    const imageRef = version?.LaunchTemplateData?.ImageId;
    if (!version || !imageRef) {
      throw new GroupError(
        `Launch template ${spec.LaunchTemplateName ?? spec.LaunchTemplateId} (version ${versionRef}) of group '${name}' in ${region} ${version ? 'names no ImageId' : 'was not found'}.`,
      );
    }
    templates.push({
      sites: [site],
      templateId: version.LaunchTemplateId!,
      templateName: version.LaunchTemplateName!,
      versionRef,
      version: version.VersionNumber!,
      imageRef,
      ami: (await imageOfVersion(region, version))?.imageId,
      description: version.VersionDescription,
    });
  }
  return { region, name, group, mixed: !group.LaunchTemplate && !!group.MixedInstancesPolicy, templates };
}

/**
 * Every launch template of a region with every version, read once (pages of 200 templates, then each
 * template's versions, every page), answering template references and the AMIs versions name without
 * a call per reference; a `resolve:ssm:` parameter is read once however many versions name it.
 */
export class TemplateIndex {
  private readonly parameterImages = new Map<string, Promise<{ imageId: string; via: string } | undefined>>();

  private constructor(
    readonly region: string,
    private readonly templates: LaunchTemplate[],
    readonly versions: LaunchTemplateVersion[],
  ) {}

  static async load(region: string): Promise<TemplateIndex> {
    const ec2 = awsClient(EC2Client, region);
    const templates: LaunchTemplate[] = [];
    for await (const page of paginateDescribeLaunchTemplates({ client: ec2, pageSize: 200 }, {})) {
      templates.push(...(page.LaunchTemplates ?? []));
    }
    const lists = await mapConcurrent(templates, 4, async (template) => {
      const versions: LaunchTemplateVersion[] = [];
      try {
        const pages = paginateDescribeLaunchTemplateVersions(
          { client: ec2, pageSize: 200 },
          { LaunchTemplateId: template.LaunchTemplateId },
        );
        for await (const page of pages) versions.push(...(page.LaunchTemplateVersions ?? []));
      } catch (error) {
        // Deleted between the two calls: it refers to nothing any more.
        if (!isNotFound(error)) throw error;
      }
      return versions;
    });
    return new TemplateIndex(region, templates, valuesOrThrow(lists).flat());
  }

  /** The version a reference resolves to ($Default when it names none). */
  resolve(spec: TemplateSpec): LaunchTemplateVersion | undefined {
    const template = this.templates.find(
      (t) =>
        t.LaunchTemplateId === spec.LaunchTemplateId ||
        (!spec.LaunchTemplateId && t.LaunchTemplateName === spec.LaunchTemplateName),
    );
    if (!template) return undefined;
    const ref = spec.Version || '$Default';
    const number =
      ref === '$Default'
        ? template.DefaultVersionNumber
        : ref === '$Latest'
          ? template.LatestVersionNumber
          : Number(ref);
    return this.versions.find(
      (v) => v.LaunchTemplateId === template.LaunchTemplateId && v.VersionNumber === number,
    );
  }

  /** The AMI a version launches (the parameter's value for `resolve:ssm:`), and how it names it. */
  imageOf(version: LaunchTemplateVersion): Promise<{ imageId: string; via: string } | undefined> {
    const imageId = version.LaunchTemplateData?.ImageId;
    if (!imageId) return Promise.resolve(undefined);
    const parameter = SSM_IMAGE_REF.exec(imageId)?.[1];
    if (!parameter) return Promise.resolve({ imageId, via: '' });
    let found = this.parameterImages.get(parameter);
    if (!found) {
      found = imageOfVersion(this.region, version);
      this.parameterImages.set(parameter, found);
    }
    return found;
  }
}
