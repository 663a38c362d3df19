/**
 * The base AMI a bake would start from now, resolved the way the builder resolves it:
 * - Packer: `source_ami` as given; `source_ami_filter` (or an `amazon-ami` data source) with
 *   DescribeImages on its filters and owners, the newest by CreationDate when `most_recent`, and
 *   Packer's refusal when several match without it; an `amazon-parameterstore` data source as the
 *   parameter holds it.
 * - Image Builder: the recipe's parent image: an AMI id as given; `ssm:<parameter>` as the parameter
 *   holds it; an Image Builder image ARN as the newest build of the newest version its semantic
 *   version selects (`x.x.x`, `1.x.x`, `1.6.x`, or one version).
 */
import { DescribeImagesCommand, type Image, paginateDescribeImages } from '@aws-sdk/client-ec2';
import {
  GetImageCommand,
  ImagebuilderClient,
  type ImageSummary,
  paginateListImageBuildVersions,
  paginateListImages,
} from '@aws-sdk/client-imagebuilder';
import { awsClient } from '../../aws/clients.js';
import { isNotFound } from '../../aws/errors.js';
import { ec2 } from '../../aws/images.js';
import { getParameter } from '../../aws/parameters.js';
import { oneLine } from '../../report/foreign.js';
import type { AmiFilter, SourceAmi } from './packer-template.js';

export interface Base {
  imageId: string;
  region: string;
  /** How it was found, for the plan: `source_ami`, `source_ami_filter`, `parameter /aws/...`. */
  how: string;
}

export type Resolved = { base: Base; why?: undefined } | { base?: undefined; why: string };

/** Packer's source AMI of one build, as Packer would resolve it now. */
export async function resolveSourceAmi(ami: SourceAmi, region: string): Promise<Resolved> {
  switch (ami.kind) {
    case 'id':
      return { base: { imageId: ami.imageId, region, how: 'source_ami' } };
    case 'filter':
      return pickByFilter(ami.filter, region, ami.via);
    case 'parameter':
      return fromParameter(ami.name, region);
    default:
      return { why: ami.why };
  }
}

async function pickByFilter(filter: AmiFilter, region: string, via: string): Promise<Resolved> {
  // Every page, as Packer reads them: the newest may be on any page.
  const found: Image[] = [];
  for await (const page of paginateDescribeImages(
    { client: ec2(region), pageSize: 1000 },
    {
      ...(filter.owners.length ? { Owners: filter.owners } : {}),
      Filters: Object.entries(filter.filters).map(([Name, value]) => ({ Name, Values: [value] })),
    },
  )) {
    found.push(...(page.Images ?? []));
  }
  const images = found.sort((a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? ''));
  if (images.length === 0) return { why: `its ${via} matches no image in ${region} now` };
  if (images.length > 1 && !filter.mostRecent) {
    return {
      why: `its ${via} matches ${images.length} images and most_recent is not set (Packer refuses that)`,
    };
  }
  return { base: { imageId: images[0].ImageId as string, region, how: via } };
}

async function fromParameter(name: string, region: string): Promise<Resolved> {
  const parameter = await getParameter(region, name);
  if (!parameter?.value) return { why: `parameter ${name} does not exist in ${region}` };
  if (!/^ami-[0-9a-f]+$/.test(parameter.value)) {
    return { why: `parameter ${name} holds ${parameter.value}, not an AMI id` };
  }
  return { base: { imageId: parameter.value, region, how: `parameter ${name}` } };
}

const IMAGE_ARN = /^arn:aws[\w-]*:imagebuilder:([^:]+):([^:]+):image\/([^/]+)\/([^/]+)(?:\/(\d+))?$/;

/** Image Builder's parent image (as the recipe names it) resolved to the AMI a build would start from. */
export async function resolveParentImage(
  parentImage: string,
  region: string,
  accountId: string,
): Promise<Resolved> {
  if (/^ami-[0-9a-f]+$/.test(parentImage)) {
    return { base: { imageId: parentImage, region, how: "the recipe's parent image" } };
  }
  if (parentImage.startsWith('ssm:')) return fromParameter(parentImage.slice(4), region);
  const arn = IMAGE_ARN.exec(parentImage);
  if (!arn) return { why: `the parent image ${parentImage} is not resolved before the build` };
  const [, imageRegion, owner, name, version, build] = arn;
  const client = awsClient(ImagebuilderClient, imageRegion);
  let summary: ImageSummary | undefined;
  if (build) {
    summary = (await client.send(new GetImageCommand({ imageBuildVersionArn: parentImage }))).image;
  } else {
    const versionArn = version.includes('x')
      ? await newestVersion(client, { imageRegion, owner, name, version, accountId })
      : `arn:aws:imagebuilder:${imageRegion}:${owner}:image/${name}/${version}`;
    if (!versionArn) return { why: `no version of ${name} matches ${version}` };
    const builds: ImageSummary[] = [];
    for await (const page of paginateListImageBuildVersions({ client }, { imageVersionArn: versionArn })) {
      builds.push(...(page.imageSummaryList ?? []).filter((s) => s.state?.status === 'AVAILABLE'));
    }
    summary = builds.sort((a, b) => buildNumber(b) - buildNumber(a))[0];
  }
  const ami = summary?.outputResources?.amis?.find((a) => a.region === region)?.image;
  if (!ami) return { why: `the parent image ${parentImage} has no AMI in ${region}` };
  return { base: { imageId: ami, region, how: `${summary?.arn ?? parentImage}` } };
}

const buildNumber = (summary: ImageSummary) =>
  Number(summary.version?.split('/')[1] ?? summary.arn?.split('/').at(-1));

async function newestVersion(
  client: ImagebuilderClient,
  want: { imageRegion: string; owner: string; name: string; version: string; accountId: string },
): Promise<string | undefined> {
  const owner = want.owner === 'aws' ? 'Amazon' : want.owner === want.accountId ? 'Self' : 'Shared';
  const pattern = want.version.split('.');
  const matches: { arn: string; nodes: number[] }[] = [];
  for await (const page of paginateListImages(
    { client },
    { owner, filters: [{ name: 'name', values: [want.name] }] },
  )) {
    for (const version of page.imageVersionList ?? []) {
      const nodes = (version.version ?? '').split('.');
      if (version.name !== want.name || nodes.length !== 3) continue;
      if (pattern.every((node, i) => node === 'x' || node === nodes[i])) {
        matches.push({ arn: version.arn as string, nodes: nodes.map(Number) });
      }
    }
  }
  matches.sort((a, b) => b.nodes[0] - a.nodes[0] || b.nodes[1] - a.nodes[1] || b.nodes[2] - a.nodes[2]);
  return matches[0]?.arn;
}

/** An AMI as the plan names it: `ami-1 (al2023-ami-…, available, created 2024-10-10T23:09:21.000Z)`. */
export async function describeImage(region: string, imageId: string): Promise<string> {
  let image: Image | undefined;
  try {
    image = (await ec2(region).send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images?.[0];
  } catch (error) {
    if (isNotFound(error)) return `${imageId} (not found in ${region})`;
    throw error;
  }
  return image
    ? `${imageId} (${oneLine(image.Name ?? 'no name')}, ${image.State}, created ${image.CreationDate ?? '?'})`
    : `${imageId} (not found)`;
}
