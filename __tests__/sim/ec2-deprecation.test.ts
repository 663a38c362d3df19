/** EnableImageDeprecation's documented limits: not in the past; 10 years ahead, 2 years from creation when public. */
import {
  CopyImageCommand,
  EC2Client,
  EnableImageDeprecationCommand,
  ModifyImageAttributeCommand,
} from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { DURATIONS } from '../../sim/core/time.js';
import { DEFAULT_BASE_AMI_ID } from '../../sim/services/ec2/scenario.js';
import { useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 1 });
const YEAR_MS = 365.25 * 86400_000;
let ec2: EC2Client;

beforeEach(async () => {
  await aws.reset();
  ec2 = new EC2Client({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 });
});

async function ownImage(): Promise<{ id: string; createdMs: number }> {
  const createdMs = Date.parse((await aws.state()).time);
  const { ImageId } = await ec2.send(
    new CopyImageCommand({ SourceRegion: 'us-east-1', SourceImageId: DEFAULT_BASE_AMI_ID, Name: 'app' }),
  );
  await aws.advance(DURATIONS.copyImageSeconds);
  return { id: ImageId!, createdMs };
}

const deprecate = (id: string, at: number) =>
  ec2.send(new EnableImageDeprecationCommand({ ImageId: id, DeprecateAt: new Date(at) }));

describe('EnableImageDeprecation', () => {
  it('refuses a time in the past', async () => {
    const { id } = await ownImage();
    const now = Date.parse((await aws.state()).time);
    await expect(deprecate(id, now - 3600_000)).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await deprecate(id, now + 3600_000);
  });

  it('limits public AMIs to 2 years after their creation', async () => {
    const { id, createdMs } = await ownImage();
    await ec2.send(
      new ModifyImageAttributeCommand({ ImageId: id, LaunchPermission: { Add: [{ Group: 'all' }] } }),
    );
    await aws.advance(180 * 86400);
    await expect(deprecate(id, createdMs + 2 * YEAR_MS + 86400_000)).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await deprecate(id, createdMs + 2 * YEAR_MS - 86400_000);
  });
});
