/**
 * One target account in one region, after that region's lane has shared the AMI: with
 * copy-into-accounts, deregister the account's failed copy, copy the shared AMI into the account
 * (encrypted with target-kms-key, tagged to be found again) and wait for it; then write the parameter
 * in the account. Everything runs with the account's role (inAccount).
 */
import * as core from '@actions/core';
import { CopyImageCommand } from '@aws-sdk/client-ec2';
import { inAccount } from '../../aws/accounts.js';
import { ec2 } from '../../aws/images.js';
import { clientToken } from '../../aws/tokens.js';
import { change, type Lane, type Scope, type Step, wait } from '../../kernel/plan.js';
import { removeFailedCopy, waitForImage } from './copy.js';
import type { Desired } from './desired.js';
import { parameterChanges } from './parameter.js';
import type { Plan as PublishPlan } from './plan.js';
import type { RegionResult } from './report.js';
import { type TargetPlan, tagSpecifications, targetCopyTags } from './targets.js';

/** What publishing did in one target account and region. */
export interface TargetResult {
  account: string;
  region: string;
  /** The AMI the account uses there: its own copy, or the shared one. */
  imageId?: string;
  /** Whether the account's own copy was made by this run. */
  copied: boolean;
  parameterVersion?: number;
  changes: string[];
  notes: string[];
  error?: string;
}

export function newTargetResult(desired: Desired, target: TargetPlan): TargetResult {
  return {
    account: target.account,
    region: target.region,
    imageId: desired.targets.copy ? target.copy?.imageId : undefined,
    copied: false,
    changes: [],
    notes: [],
  };
}

export function targetLane(
  desired: Desired,
  published: PublishPlan,
  target: TargetPlan,
  regionResult: RegionResult,
  result: TargetResult,
  scope: Scope,
): Lane {
  const { account, region } = target;
  const steps: Step[] = [];
  /** The shared AMI of the region: known once its lane has run (a new copy has its id only then). */
  const shared = () => {
    if (!regionResult.imageId) {
      throw new Error(
        `Cannot copy into account ${account} or record its parameter: the ${region} lane ended without an AMI id for ${region}. Re-run the step: it completes only what is missing.`,
      );
    }
    return regionResult.imageId;
  };
  let imageId: string | undefined = desired.targets.copy ? target.copy?.imageId : undefined;
  const run = (work: () => Promise<void>) => () => inAccount(target.access, work);

  if (desired.targets.copy) {
    for (const failed of target.failedCopies) {
      steps.push(
        change(
          `deregister the failed copy ${failed.imageId} of account ${account}`,
          [{ call: 'ec2:DeregisterImage', detail: `${failed.imageId} (failed copy, with its snapshots)` }],
          run(async () => {
            await removeFailedCopy(failed);
            result.changes.push('ec2:DeregisterImage');
          }),
        ),
      );
    }
    if (!target.copy) {
      const tags = targetCopyTags(desired, published);
      steps.push(
        change(
          `copy the AMI into account ${account} in ${region}`,
          [
            {
              call: 'ec2:CopyImage',
              detail: `${regionResult.imageId ?? `the copy of ${published.source.imageId}`} into account ${account}, encrypted with ${desired.targets.kmsKey ?? "the account's default EBS key"}, tags ${Object.keys(tags).join(', ')}`,
            },
          ],
          async (step) =>
            inAccount(target.access, async () => {
              const from = shared();
              const { ImageId } = await ec2(region).send(
                new CopyImageCommand({
                  SourceRegion: region,
                  SourceImageId: from,
                  Name: published.source.name,
                  Description: `Copy of ${from} from account ${published.source.ownerId} (ami-action)`,
                  Encrypted: true,
                  ...(desired.targets.kmsKey ? { KmsKeyId: desired.targets.kmsKey } : {}),
                  TagSpecifications: tagSpecifications(tags),
                  ClientToken: clientToken(step.context, [
                    'publish-target-copy',
                    account,
                    from,
                    region,
                    ...target.failedCopies.map((copy) => copy.imageId),
                  ]),
                }),
              );
              if (!ImageId)
                throw new Error(`CopyImage into account ${account} in ${region} answered no image id.`);
              core.info(`${account}/${region}: copying ${from} as ${ImageId}`);
              imageId = ImageId;
              result.imageId = ImageId;
              result.copied = true;
              result.changes.push('ec2:CopyImage');
            }),
        ),
      );
    }
    if (target.copy?.state !== 'available') {
      steps.push(
        wait(`the copy in account ${account} to be available in ${region}`, (step) =>
          inAccount(target.access, async () => {
            await waitForImage(region, imageId!, {
              deadline: step.deadline,
              pollIntervalSeconds: step.pollIntervalSeconds,
            });
          }),
        ),
      );
    }
  }

  const name = desired.parameter;
  if (name) {
    const planned = parameterChanges({
      region,
      name,
      label: desired.parameterLabel,
      imageId: imageId ?? regionResult.imageId ?? '(the AMI)',
      facts: target.parameter,
      deadline: scope.deadline,
      pollIntervalSeconds: scope.pollIntervalSeconds,
      onVersion: () => {},
      onNote: () => {},
    });
    if (planned.length) {
      steps.push(
        change(`record ${name} in account ${account} in ${region}`, planned, (step) =>
          inAccount(target.access, async () => {
            const changes = parameterChanges({
              region,
              name,
              label: desired.parameterLabel,
              imageId: imageId ?? shared(),
              facts: target.parameter,
              deadline: step.deadline,
              pollIntervalSeconds: step.pollIntervalSeconds,
              onVersion: (version) => {
                result.parameterVersion = version;
              },
              onNote: (note) => result.notes.push(note),
            });
            for (const next of changes) {
              core.info(`${account}/${region}: ${next.call} ${next.detail}`);
              await next.apply();
              result.changes.push(next.call);
            }
          }),
        ),
      );
    } else {
      result.parameterVersion = target.parameter.version;
    }
  }
  return {
    name: `${account}/${region}`,
    steps,
    after: [region],
  };
}
