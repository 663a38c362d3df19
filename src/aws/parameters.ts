/**
 * SSM Parameter Store parameters that name an AMI: reading one (with its history), writing a new
 * version, labelling it. `DataType: aws:ec2:image` makes SSM check the value is an available image,
 * but only after PutParameter has answered: the new version shows (or is dropped) a moment later, so
 * this writes only once the image is available and waits to see it.
 *
 * Parameter Store keeps 100 versions: a 101st write deletes the oldest, unless the oldest carries a
 * label, and then it refuses every write (ParameterMaxVersionLimitExceeded) until the label moves.
 */
import type { PutParameterCommandInput } from '@aws-sdk/client-ssm';
import type { Deadline } from '../kernel/deadline.js';
import { TAG } from '../tags.js';
import { awsClient } from './clients.js';
import { isNotFound } from './errors.js';
import { loadSsm } from './ssm.js';
import { waitUntil } from './wait.js';

/** The SDK's SSM module (loaded on first use: src/aws/ssm.ts) and the region's client. */
async function ssm(region: string) {
  const sdk = await loadSsm();
  return { sdk, client: awsClient(sdk.SSMClient, region) };
}

/** How many versions Parameter Store keeps of a parameter. */
export const MAX_VERSIONS = 100;

export interface ParameterVersion {
  value: string;
  version: number;
  labels: string[];
  /** The version's description (deploy's rollout history record for a template's `resolve:ssm:` image). */
  description?: string;
}

export interface ParameterFacts {
  value?: string;
  version?: number;
  /** The version the wanted label points to, when it exists. */
  labelledVersion?: number;
  /** How many versions it keeps now. */
  versions?: number;
  /** The oldest version kept, when Parameter Store keeps all it can and the next write must drop it. */
  oldest?: ParameterVersion;
}

export async function readParameter(region: string, name: string, label?: string): Promise<ParameterFacts> {
  const current = await getParameter(region, name);
  if (!current) return {};
  const history = await parameterHistory(region, name);
  const facts: ParameterFacts = { ...current, versions: history.length };
  if (history.length >= MAX_VERSIONS) facts.oldest = history[0];
  if (!label) return facts;
  return { ...facts, labelledVersion: history.find((v) => v.labels.includes(label))?.version };
}

/** Every version SSM keeps, oldest first, every page; none when the parameter does not exist. */
export async function parameterHistory(region: string, name: string): Promise<ParameterVersion[]> {
  const versions: ParameterVersion[] = [];
  try {
    const { sdk, client } = await ssm(region);
    for await (const page of sdk.paginateGetParameterHistory({ client, pageSize: 50 }, { Name: name })) {
      for (const p of page.Parameters ?? []) {
        versions.push({
          value: (p.Value ?? '').trim(),
          version: p.Version ?? 0,
          labels: p.Labels ?? [],
          description: p.Description,
        });
      }
    }
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  return versions;
}

/** Whether the parameter exists in the region (GetParameterHistory, one version: the call cleanup reads with). */
export async function parameterExists(region: string, name: string): Promise<boolean> {
  try {
    const { sdk, client } = await ssm(region);
    await client.send(new sdk.GetParameterHistoryCommand({ Name: name, MaxResults: 1 }));
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** Removes labels from a version (the oldest, before a write that must drop it). */
export async function unlabelVersion(
  region: string,
  name: string,
  version: number,
  labels: string[],
): Promise<void> {
  const { sdk, client } = await ssm(region);
  await client.send(
    new sdk.UnlabelParameterVersionCommand({ Name: name, ParameterVersion: version, Labels: labels }),
  );
}

/** The parameter's current value and version (GetParameter only); undefined when it does not exist. */
export async function getParameter(region: string, ref: string) {
  try {
    const { sdk, client } = await ssm(region);
    const { Parameter } = await client.send(new sdk.GetParameterCommand({ Name: ref }));
    return { value: Parameter?.Value, version: Parameter?.Version, dataType: Parameter?.DataType };
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
  return putAmi(
    region,
    name,
    imageId,
    {
      DataType: 'aws:ec2:image',
      Description: `AMI published by ami-action (${TAG.sourceAmi} on the AMI names its source)`,
      // SSM rejects Tags together with Overwrite: tag only on creation.
      ...(exists ? { Overwrite: true } : { Tags: [{ Key: 'managed-by', Value: 'ami-action' }] }),
    },
    options,
  );
}

/**
 * Writes a new version of an existing parameter that names an AMI (keeping its data type), with
 * the version's description; returns the version once SSM shows it.
 */
export async function writeVersion(
  region: string,
  name: string,
  imageId: string,
  options: { description: string; dataType?: string; pollIntervalSeconds: number; deadline: Deadline },
): Promise<number> {
  return putAmi(
    region,
    name,
    imageId,
    {
      DataType: options.dataType ?? 'text',
      Description: options.description.slice(0, 1024),
      Overwrite: true,
    },
    options,
  );
}

/** PutParameter of an AMI id (a String); an aws:ec2:image value is waited for until SSM shows it. */
async function putAmi(
  region: string,
  name: string,
  imageId: string,
  fields: Pick<PutParameterCommandInput, 'DataType' | 'Description' | 'Overwrite' | 'Tags'>,
  options: { pollIntervalSeconds: number; deadline: Deadline },
): Promise<number> {
  const { sdk, client } = await ssm(region);
  const { Version } = await client.send(
    new sdk.PutParameterCommand({ Name: name, Value: imageId, Type: 'String', ...fields }),
  );
  const version = Version ?? 0;
  if (fields.DataType === 'aws:ec2:image') await waitForVersion(region, name, imageId, version, options);
  return version;
}

/** Waits until SSM shows the version (an aws:ec2:image value is validated after PutParameter answered). */
async function waitForVersion(
  region: string,
  name: string,
  imageId: string,
  version: number,
  options: { pollIntervalSeconds: number; deadline: Deadline },
): Promise<void> {
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
}

/** Puts the label on the version; labels SSM refuses come back in InvalidLabels, not as an error. */
export async function labelVersion(region: string, name: string, version: number, label: string) {
  const { sdk, client } = await ssm(region);
  const { InvalidLabels } = await client.send(
    new sdk.LabelParameterVersionCommand({ Name: name, ParameterVersion: version, Labels: [label] }),
  );
  if (InvalidLabels?.length) {
    throw new Error(
      `SSM refused the label ${InvalidLabels.join(', ')} on ${name} in ${region} (labels may not start with a digit, aws or ssm, and use letters, digits, . - _).`,
    );
  }
}
