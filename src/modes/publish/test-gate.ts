/**
 * wait-for-test: publish copies at once, while the test runs, and shares and records only once the
 * test passed. The gate waits (within the step's deadline) for the source AMI's `ami-action:test`
 * tag, once for every region's lane. Copies made before that are untested: recorded in the undo
 * journal, so a failed test, the deadline or a cancellation removes them with their snapshots.
 */
import { DeregisterImageCommand } from '@aws-sdk/client-ec2';
import { isNotFound } from '../../aws/errors.js';
import { describeImageById, ec2 } from '../../aws/images.js';
import { waitUntil } from '../../aws/wait.js';
import type { Deadline } from '../../kernel/deadline.js';
import type { UndoScope } from '../../kernel/plan.js';
import type { UndoOf } from '../../kernel/state.js';
import { TAG } from '../../tags.js';

export class TestFailedError extends Error {
  override name = 'TestFailedError';
}

export class TestGate {
  private result: Promise<void> | undefined;

  constructor(
    private readonly region: string,
    private readonly imageId: string,
  ) {}

  /** Resolves once the test passed; rejects with TestFailedError when it failed. */
  passed(deadline: Deadline, pollIntervalSeconds: number): Promise<void> {
    this.result ??= waitUntil({
      what: `the test of ${this.imageId} (its ${TAG.test} tag)`,
      deadline,
      pollIntervalSeconds,
      timeoutHint:
        'Nothing was shared or recorded; the untested copies are removed. Re-run once the test has run.',
      check: async () => {
        const image = await describeImageById(this.region, this.imageId, 'poll');
        const result = image?.tags[TAG.test];
        if (result === 'passed') return { done: true, value: undefined };
        if (result === 'failed') {
          throw new TestFailedError(
            `The test of ${this.imageId} failed (${TAG.test}=failed): nothing was shared or recorded, and the copies made while it ran are removed.`,
          );
        }
        return { done: false, status: result ? `${TAG.test}=${result}` : 'not tested yet' };
      },
    });
    return this.result;
  }
}

/** The undo of an untested copy: deregistered with its snapshots (a copy still in progress stops). */
export async function removeUntestedCopy(
  undo: UndoOf<'remove-untested-copy'>,
  _scope: UndoScope,
): Promise<string> {
  const imageId = undo.imageId ?? (await findUntestedCopy(undo.region, undo.sourceImageId));
  if (!imageId) return `no untested copy of ${undo.sourceImageId} in ${undo.region}`;
  try {
    await ec2(undo.region).send(
      new DeregisterImageCommand({ ImageId: imageId, DeleteAssociatedSnapshots: true }),
    );
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  return `removed the untested copy ${imageId} in ${undo.region} with its snapshots`;
}

/** A copy whose CopyImage never answered: found by its tags. */
async function findUntestedCopy(region: string, sourceImageId: string): Promise<string | undefined> {
  const { ownImages } = await import('../../aws/images.js');
  const copies = await ownImages(region, [
    { Name: `tag:${TAG.sourceAmi}`, Values: [sourceImageId] },
    { Name: `tag:${TAG.test}`, Values: ['pending'] },
  ]);
  return copies[0]?.imageId;
}
