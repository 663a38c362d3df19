/**
 * Image versions as ListImages and ListImageBuildVersions answer them: the account's own builds and
 * the images of other owners (AWS-managed parent images), with semantic version selection as Image
 * Builder does it (`x.x.x` the newest, `1.x.x` the newest of major 1, `1.6.x`, or one version).
 */
import type {
  ImageSummary,
  ImageVersion,
  ListImageBuildVersionsCommandInput,
  ListImageBuildVersionsCommandOutput,
  ListImagesCommandInput,
  ListImagesCommandOutput,
} from '@aws-sdk/client-imagebuilder';
import { AwsError, type Handler, type SimulatorApi } from '../../core/types.js';
import { imageBuilderState } from './state.js';

/** `arn:aws:imagebuilder:<region>:<owner>:image/<name>/<version>[/<build>]`. */
const IMAGE_ARN = /^arn:aws[\w-]*:imagebuilder:([^:]+):([^:]+):image\/([^/]+)(?:\/([^/]+))?(?:\/(\d+))?$/;

export interface ImageRef {
  region: string;
  owner: string;
  name: string;
  version?: string;
  build?: number;
}

export function parseImageArn(arn: string): ImageRef | undefined {
  const m = IMAGE_ARN.exec(arn);
  if (!m) return undefined;
  return { region: m[1], owner: m[2], name: m[3], version: m[4], build: m[5] ? Number(m[5]) : undefined };
}

/** Whether `version` (1.6.8) is selected by `pattern` (x.x.x, 1.x.x, 1.6.x, 1.6.8). */
export function versionMatches(pattern: string, version: string): boolean {
  const want = pattern.split('.');
  const have = version.split('.');
  return want.length === 3 && want.every((node, i) => node === 'x' || node === have[i]);
}

/** Newest first, by each numeric node. */
export function byVersionDescending(a: string, b: string): number {
  const na = a.split('.').map(Number);
  const nb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (na[i] !== nb[i]) return nb[i] - na[i];
  return 0;
}

interface Listed {
  arn: string;
  ref: ImageRef & { version: string; build: number };
  dateCreated: string;
  amis: { region: string; image: string }[];
}

/** Every available image build version: the other owners' and this account's own finished builds. */
export function listedImages(sim: SimulatorApi, accountId: string): Listed[] {
  const state = imageBuilderState(sim);
  const out: Listed[] = [];
  for (const image of Object.values(state.images)) {
    const ref = parseImageArn(image.arn);
    if (ref?.version && ref.build)
      out.push({ ...image, ref: { ...ref, version: ref.version, build: ref.build } });
  }
  for (const build of Object.values(state.builds)) {
    const ref = parseImageArn(build.arn);
    if (!ref?.version || !ref.build || build.endedAs || build.amis.length === 0) continue;
    const dateCreated = new Date(build.startedAtMs).toISOString();
    out.push({
      arn: build.arn,
      ref: { ...ref, owner: accountId, version: ref.version, build: ref.build },
      dateCreated,
      amis: build.amis,
    });
  }
  return out;
}

const OWNERS: Record<string, (owner: string, accountId: string) => boolean> = {
  Self: (owner, accountId) => owner === accountId,
  Amazon: (owner) => owner === 'aws',
  Shared: (owner, accountId) => owner !== accountId && owner !== 'aws',
};

export const ListImages: Handler<ListImagesCommandInput, ListImagesCommandOutput> = (input, ctx) => {
  const owner = input.owner ?? 'Self';
  const ownedBy = OWNERS[owner];
  if (!ownedBy)
    throw new AwsError('InvalidParameterValueException', `The owner ${owner} is not supported.`, 400);
  const names = input.filters?.find((f) => f.name === 'name')?.values;
  const versions = new Map<string, ImageVersion>();
  for (const image of listedImages(ctx.sim, ctx.accountId)) {
    const { ref } = image;
    if (ref.region !== ctx.region || !ownedBy(ref.owner, ctx.accountId)) continue;
    if (names && !names.includes(ref.name)) continue;
    const arn = `arn:aws:imagebuilder:${ref.region}:${ref.owner}:image/${ref.name}/${ref.version}`;
    versions.set(arn, {
      arn,
      name: ref.name,
      type: 'AMI',
      version: ref.version,
      platform: 'Linux',
      owner: ref.owner === 'aws' ? 'Amazon' : ref.owner,
      dateCreated: versions.get(arn)?.dateCreated ?? image.dateCreated,
    });
  }
  const list = [...versions.values()].sort(
    (a, b) =>
      (a.name ?? '').localeCompare(b.name ?? '') || byVersionDescending(a.version ?? '', b.version ?? ''),
  );
  return { requestId: crypto.randomUUID(), imageVersionList: list };
};

export const ListImageBuildVersions: Handler<
  ListImageBuildVersionsCommandInput,
  ListImageBuildVersionsCommandOutput
> = (input, ctx) => {
  const wanted = parseImageArn(String(input.imageVersionArn ?? ''));
  if (!wanted?.version || wanted.build !== undefined || wanted.version.includes('x')) {
    throw new AwsError(
      'InvalidParameterValueException',
      `The value supplied for parameter 'imageVersionArn' is not a valid image version ARN: ${input.imageVersionArn}`,
      400,
    );
  }
  const summaries: ImageSummary[] = listedImages(ctx.sim, ctx.accountId)
    .filter(
      ({ ref }) =>
        ref.region === wanted.region &&
        ref.owner === wanted.owner &&
        ref.name === wanted.name &&
        ref.version === wanted.version,
    )
    .sort((a, b) => b.ref.build - a.ref.build)
    .map((image) => ({
      arn: image.arn,
      name: image.ref.name,
      type: 'AMI',
      version: `${image.ref.version}/${image.ref.build}`,
      platform: 'Linux',
      state: { status: 'AVAILABLE' },
      owner: image.ref.owner === 'aws' ? 'Amazon' : image.ref.owner,
      dateCreated: image.dateCreated,
      outputResources: {
        amis: image.amis.map((ami) => ({ region: ami.region, image: ami.image, accountId: ctx.accountId })),
      },
    }));
  return { requestId: crypto.randomUUID(), imageSummaryList: summaries };
};

/**
 * The AMI in `region` of the image an ARN selects (a build version, a version, or a version with
 * wildcards: the newest build of the newest matching version), as a recipe's parent image.
 */
export function amiOfImage(
  sim: SimulatorApi,
  accountId: string,
  arn: string,
  region: string,
): string | undefined {
  const want = parseImageArn(arn);
  if (!want) return undefined;
  const candidates = listedImages(sim, accountId)
    .filter(({ ref }) => ref.owner === want.owner && ref.name === want.name && ref.region === want.region)
    .filter(({ ref }) => !want.version || versionMatches(want.version, ref.version))
    .filter(({ ref }) => want.build === undefined || ref.build === want.build)
    .sort((a, b) => byVersionDescending(a.ref.version, b.ref.version) || b.ref.build - a.ref.build);
  return candidates[0]?.amis.find((ami) => ami.region === region)?.image;
}
