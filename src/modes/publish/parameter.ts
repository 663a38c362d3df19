/**
 * The SSM parameter that names the AMI in each region. `DataType: aws:ec2:image` makes SSM check the
 * value is an available image, but only after PutParameter has answered: the new version shows (or is
 * dropped) a moment later, so this writes only once the image is available and waits to see it.
 */
import {
  GetParameterCommand,
  LabelParameterVersionCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { awsClient } from '../../aws/clients.js';
import { isNotFound } from '../../aws/errors.js';
import { waitUntil } from '../../aws/wait.js';
import type { Deadline } from '../../kernel/deadline.js';
import { TAG } from '../../tags.js';

const ssm = (region: string) => awsClient(SSMClient, region);

export interface ParameterFacts {
  value?: string;
  version?: number;
  /** The version the wanted label points to, when it exists. */
  labelledVersion?: number;
}

export async function readParameter(region: string, name: string, label?: string): Promise<ParameterFacts> {
  const current = await getParameter(region, name);
  if (!current || !label) return current ?? {};
  const labelled = await getParameter(region, `${name}:${label}`);
  return { ...current, labelledVersion: labelled?.version };
}

async function getParameter(region: string, ref: string) {
  try {
    const { Parameter } = await ssm(region).send(new GetParameterCommand({ Name: ref }));
    return { value: Parameter?.Value, version: Parameter?.Version };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** How long SSM may take to show a validated aws:ec2:image version before we call it rejected. */
const VALIDATION_WAIT_SECONDS = 120;

/** Writes the AMI id; returns the new version once SSM shows it. */
export async function writeParameter(
  region: string,
  name: string,
  imageId: string,
  exists: boolean,
  options: { pollIntervalSeconds: number; deadline: Deadline },
): Promise<number> {
  const { Version } = await ssm(region).send(
    new PutParameterCommand({
      Name: name,
      Value: imageId,
      Type: 'String',
      DataType: 'aws:ec2:image',
      Description: `AMI published by ami-action (${TAG.sourceAmi} on the AMI names its source)`,
      // SSM rejects Tags together with Overwrite: tag only on creation.
      ...(exists ? { Overwrite: true } : { Tags: [{ Key: 'managed-by', Value: 'ami-action' }] }),
    }),
  );
  const version = Version ?? 0;
  await waitUntil({
    what: `SSM parameter ${name} version ${version} in ${region}`,
    deadline: options.deadline.within(
      VALIDATION_WAIT_SECONDS,
      `${VALIDATION_WAIT_SECONDS}s for SSM to validate it`,
    ),
    pollIntervalSeconds: options.pollIntervalSeconds,
    timeoutHint: `SSM did not accept ${imageId} as an aws:ec2:image value (it validates after answering): check that the image exists and is available in ${region}.`,
    check: async () => {
      const current = await getParameter(region, name);
      return (current?.version ?? 0) >= version
        ? { done: true, value: undefined }
        : { done: false, status: 'validating' };
    },
  });
  return version;
}

/** Puts the label on the version; labels SSM refuses come back in InvalidLabels, not as an error. */
export async function labelVersion(region: string, name: string, version: number, label: string) {
  const { InvalidLabels } = await ssm(region).send(
    new LabelParameterVersionCommand({ Name: name, ParameterVersion: version, Labels: [label] }),
  );
  if (InvalidLabels?.length) {
    throw new Error(
      `SSM refused the label ${InvalidLabels.join(', ')} on ${name} in ${region} (labels may not start with a digit, aws or ssm, and use letters, digits, . - _).`,
    );
  }
}
