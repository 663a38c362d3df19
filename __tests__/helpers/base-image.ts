/**
 * Moving the base: AWS publishes a newer Amazon Linux AMI and points the public "latest" parameter at
 * it, with one POST /_sim/seed in the format sim/control.ts pins.
 */
import { AL2023_X86_PARAMETER } from '../../sim/services/ssm/scenario.js';
import type { SimHandle } from './sim.js';

export const NEWER_BASE_AMI_ID = 'ami-0b0b0b0b0b0b0b0b0';
export const NEWER_BASE_AMI_NAME = 'al2023-ami-2023.6.20241120.0-kernel-6.1-x86_64';

/** Registers a newer Amazon-owned AMI (created now, in simulated time) and moves the public parameter to it. */
export async function publishNewerBase(
  aws: SimHandle,
  imageId = NEWER_BASE_AMI_ID,
  name = NEWER_BASE_AMI_NAME,
  region = 'us-east-1',
): Promise<string> {
  const creationDate = (await aws.state()).time;
  await aws.seed({
    ec2: { images: [{ region, imageId, name, creationDate, imdsSupport: 'v2.0' }] },
    ssm: {
      publicParameters: [{ region, name: AL2023_X86_PARAMETER, value: imageId, dataType: 'aws:ec2:image' }],
    },
  });
  return imageId;
}

/** The calls that build something: starting a pipeline, launching an instance. */
export const BUILD_CALLS = ['StartImagePipelineExecution', 'RunInstances', 'CreateImage', 'CopyImage'];
