/**
 * The AMIs a bake made, in the undo journal from the moment their ids are known (Packer's `AMI:`
 * line and artifacts, Image Builder's output) until the tag step has written their provenance and
 * fingerprint: an AMI left without those tags is found by no later bake (skip-if-unchanged looks them
 * up), so a failed tag step removes it rather than leave a re-run to bake a duplicate beside it.
 */
import { DeregisterImageCommand } from '@aws-sdk/client-ec2';
import { errorCode, isNotFound } from '../../aws/errors.js';
import { ec2 } from '../../aws/images.js';
import type { Recorded } from '../../kernel/journal.js';
import type { StepScope, UndoScope } from '../../kernel/plan.js';
import type { UndoOf } from '../../kernel/state.js';

export class BakedImages {
  private readonly recorded = new Map<string, Recorded<'deregister-baked-image'>>();

  /** Records the undo of `imageId` in `region` (once per AMI). */
  note(scope: Pick<StepScope, 'record'>, region: string, imageId: string): void {
    const key = `${region}/${imageId}`;
    if (this.recorded.has(key)) return;
    this.recorded.set(key, scope.record({ kind: 'deregister-baked-image', region, imageId }));
  }

  /** The AMIs carry their tags: they are the bake's output now, no longer undone. */
  settle(): void {
    for (const handle of this.recorded.values()) handle.settle();
    this.recorded.clear();
  }
}

/** The undo: deregisters the AMI and deletes its snapshots (an AMI already gone is done). */
export async function deregisterBakedImage(
  undo: UndoOf<'deregister-baked-image'>,
  _scope: UndoScope,
): Promise<string> {
  const { region, imageId } = undo;
  try {
    await ec2(region).send(new DeregisterImageCommand({ ImageId: imageId, DeleteAssociatedSnapshots: true }));
  } catch (error) {
    if (!isNotFound(error) && errorCode(error) !== 'InvalidAMIID.Unavailable') throw error;
    return `the baked AMI ${imageId} in ${region} was already gone`;
  }
  return `deregistered the baked AMI ${imageId} in ${region} (it has no provenance tags) and deleted its snapshots`;
}
