/**
 * The plan's reads in the target accounts (target-role): assume each account's role, then in every
 * region read and check what the account would make of the AMI before anything changes anywhere:
 * its Allowed AMIs settings evaluated against the AMI (and its own copy), the KMS key its copy would
 * use, its parameter, its existing copy, and (EC2 DryRun) the permission for each EC2 change planned
 * there. Every account and region that fails is a refusal naming the account, the region and why.
 */
import { CopyImageCommand, DeregisterImageCommand } from '@aws-sdk/client-ec2';
import { type AccountAccess, inAccount } from '../../aws/accounts.js';
import { type AllowedImages, notAllowedBecause, readAllowedImages } from '../../aws/allowed-images.js';
import { awsNow } from '../../aws/clock.js';
import { deniedByDryRun } from '../../aws/dry-run.js';
import { explainError } from '../../aws/errors.js';
import { mapConcurrent } from '../../aws/fanout.js';
import { ec2, findCopies, type ImageFacts } from '../../aws/images.js';
import { tagLimitRefusal } from '../../aws/limits.js';
import { type ParameterFacts, readParameter } from '../../aws/parameters.js';
import { AssumeRoleError, TargetRoles } from '../../aws/roles.js';
import type { RunContext } from '../../context.js';
import { TAG, type Tags, toTagList } from '../../tags.js';
import { copyTags, type Desired } from './desired.js';
import { describeKey } from './keys.js';
import type { Plan as PublishPlan, RegionPlan } from './plan.js';

/** One target account in one region, as the plan found it. */
export interface TargetPlan {
  account: string;
  region: string;
  access: AccountAccess;
  /** The account's own copy (copy-into-accounts), available or still pending. */
  copy?: ImageFacts;
  /** The account's failed copies: deregistered, then copied again. */
  failedCopies: ImageFacts[];
  parameter: ParameterFacts;
}

export interface TargetsPlan {
  roles: TargetRoles;
  targets: TargetPlan[];
  refusals: string[];
  /** What the summary should say (Allowed AMIs in audit mode that would not allow the AMI). */
  notes: string[];
}

/**
 * Accounts read at once; each account's regions all at once. AWS counts request rates per account
 * and region, so reads in different accounts do not slow each other.
 */
const ACCOUNT_CONCURRENCY = 25;

export async function planTargets(
  desired: Desired,
  published: PublishPlan,
  context: RunContext,
): Promise<TargetsPlan | undefined> {
  const { role } = desired.targets;
  if (!role) return undefined;
  const roles = new TargetRoles(role, desired.sourceRegion, context);
  const plan: TargetsPlan = { roles, targets: [], refusals: [], notes: [] };
  const owner = published.source.ownerId;
  const accounts = desired.targets.accounts.filter((account) => {
    if (account !== owner) return true;
    plan.refusals.push(
      `Input 'target-accounts': ${account} is the account publishing the AMI; it owns the AMI already. Remove it from target-accounts.`,
    );
    return false;
  });
  const settled = await mapConcurrent(accounts, ACCOUNT_CONCURRENCY, async (account) => {
    let access: AccountAccess;
    try {
      access = await roles.open(account);
    } catch (error) {
      if (!(error instanceof AssumeRoleError)) throw error;
      const regions = published.regions.map((r) => r.region).join(', ');
      plan.refusals.push(
        `Input 'target-role': account ${account} (every region: ${regions}): ${error.message}`,
      );
      return;
    }
    await Promise.all(
      published.regions.map((region) =>
        inAccount(access, () => planTarget(desired, published, region, access, plan)),
      ),
    );
  });
  for (const result of settled) if (result.status === 'rejected') throw result.reason;
  // The plan prints accounts in the order given, each account's regions in the publish's order.
  const order = (t: TargetPlan) =>
    accounts.indexOf(t.account) * published.regions.length +
    published.regions.findIndex((r) => r.region === t.region);
  plan.targets.sort((a, b) => order(a) - order(b));
  return plan;
}

async function planTarget(
  desired: Desired,
  published: PublishPlan,
  region: RegionPlan,
  access: AccountAccess,
  plan: TargetsPlan,
): Promise<void> {
  const account = access.id;
  const where = `account ${account}, ${region.region}`;
  const problems: string[] = [];
  /** A read that fails is a reason too: the role may not make it. */
  const read = async <T>(what: string, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (error) {
      problems.push(`${what}: ${await explainError(error)}`);
      return undefined;
    }
  };
  const target: TargetPlan = { account, region: region.region, access, failedCopies: [], parameter: {} };
  const [settings, copies, key, parameter] = await Promise.all([
    read('reading Allowed AMIs', () => readAllowedImages(region.region)),
    desired.targets.copy
      ? read('looking for its copy', () => findCopies(region.region, desired.sourceId))
      : undefined,
    desired.targets.copy && desired.targets.kmsKey
      ? read(
          `reading the KMS key ${desired.targets.kmsKey}`,
          // null: there is no such key (undefined: it could not be read, a problem of its own).
          async () => (await describeKey(region.region, desired.targets.kmsKey!)) ?? null,
        )
      : undefined,
    desired.parameter
      ? read(`reading the parameter ${desired.parameter}`, () =>
          readParameter(region.region, desired.parameter!, desired.parameterLabel),
        )
      : undefined,
  ]);
  if (settings) problems.push(...allowedImagesProblems(settings, published, region, account, plan, where));
  if (copies) {
    target.copy =
      copies.find((copy) => copy.state === 'available') ?? copies.find((copy) => copy.state === 'pending');
    target.failedCopies = copies.filter((copy) => copy.state === 'failed' || copy.state === 'error');
  }
  if (key !== undefined) {
    if (key === null) {
      problems.push(`the KMS key ${desired.targets.kmsKey} does not exist there (target-kms-key)`);
    } else if (key.state !== 'Enabled') {
      problems.push(`the KMS key ${desired.targets.kmsKey} is ${key.state} (target-kms-key)`);
    }
  }
  if (parameter) target.parameter = parameter;
  if (desired.targets.copy) {
    const tags = targetCopyTags(desired, published);
    const tooMany = target.copy
      ? undefined
      : tagLimitRefusal(
          `Its copy`,
          {},
          tags,
          "Remove tags from the tags input, or ones the AMI's owners no longer need.",
        );
    if (tooMany) problems.push(tooMany);
    // A failed copy is removed also when a usable one exists: its DeregisterImage is checked either way.
    problems.push(...(await dryRunProblems(desired, published, region, target, tags)));
  }
  if (problems.length) {
    plan.refusals.push(...problems.map((problem) => `Input 'target-role': ${where}: ${problem}`));
    return;
  }
  plan.targets.push(target);
}

/**
 * Whether the account's Allowed AMIs let it use the AMI this region shares (and, with
 * copy-into-accounts, its own copy: AMIs an account owns are always allowed).
 */
function allowedImagesProblems(
  settings: AllowedImages,
  published: PublishPlan,
  region: RegionPlan,
  account: string,
  plan: TargetsPlan,
  where: string,
): string[] {
  if (settings.state === 'disabled') return [];
  const { source } = published;
  const image = region.image;
  const shared = {
    ownerId: source.ownerId ?? '',
    name: source.name,
    creationDate: image?.creationDate ?? awsNow().toISOString(),
    deprecationTime: image?.deprecationTime,
  };
  const nowMs = awsNow().getTime();
  const what = image?.imageId ?? `the copy of ${source.imageId}`;
  const why = notAllowedBecause(settings, shared, account, nowMs);
  if (!why) return [];
  if (settings.state === 'audit-mode') {
    plan.notes.push(
      `${where}: Allowed AMIs (audit mode) would not allow ${what}: ${why}. Launches still work while the account only audits.`,
    );
    return [];
  }
  return [
    `Allowed AMIs (enabled) do not allow ${what}: ${why}. The account's administrators must add a criterion that allows it (e.g. image provider ${source.ownerId}), or remove the account from target-accounts`,
  ];
}

/** The EC2 changes planned in the account, checked with DryRun. */
async function dryRunProblems(
  desired: Desired,
  published: PublishPlan,
  region: RegionPlan,
  target: TargetPlan,
  tags: Tags,
): Promise<string[]> {
  const client = ec2(region.region);
  // The region's AMI when it exists; else the source (the region's copy does not exist yet).
  const from = region.image ?? published.source;
  const copyCheck: [string, () => Promise<unknown>] = [
    'ec2:CopyImage',
    () =>
      client.send(
        new CopyImageCommand({
          DryRun: true,
          SourceRegion: from.region,
          SourceImageId: from.imageId,
          Name: published.source.name,
          Encrypted: true,
          ...(desired.targets.kmsKey ? { KmsKeyId: desired.targets.kmsKey } : {}),
          TagSpecifications: tagSpecifications(tags),
        }),
      ),
  ];
  const checks: [string, () => Promise<unknown>][] = [
    // A usable copy exists: no new copy is made, only failed ones removed.
    ...(target.copy ? [] : [copyCheck]),
    ...target.failedCopies.map((copy): [string, () => Promise<unknown>] => [
      'ec2:DeregisterImage',
      () =>
        client.send(
          new DeregisterImageCommand({
            DryRun: true,
            ImageId: copy.imageId,
            DeleteAssociatedSnapshots: true,
          }),
        ),
    ]),
  ];
  const problems: string[] = [];
  for (const [call, send] of checks) {
    try {
      const denied = await deniedByDryRun(send);
      if (denied) problems.push(`${call} denied: ${denied}`);
    } catch (error) {
      problems.push(`${call} (DryRun): ${await explainError(error)}`);
    }
  }
  return problems;
}

/**
 * What a target account's copy is tagged with: the original's tags (which a shared AMI's user cannot
 * read, and CopyImageTags copies only within an account), the requested ones, and the markers that
 * trace it to the published AMI and that find it again on a re-run.
 */
export function targetCopyTags(desired: Desired, published: PublishPlan): Tags {
  const { source } = published;
  const original = Object.fromEntries(Object.entries(source.tags).filter(([key]) => !/^aws:/i.test(key)));
  return {
    ...original,
    ...copyTags(desired, true),
    [TAG.sourceAmi]: desired.sourceId,
    [TAG.sourceAccount]: source.ownerId ?? '',
  };
}

export function tagSpecifications(tags: Tags) {
  const list = toTagList(tags);
  return [
    { ResourceType: 'image' as const, Tags: list },
    { ResourceType: 'snapshot' as const, Tags: list },
  ];
}
