/** The SSM slice of the simulator's state (`state.ssm`), per region. Timestamps are ISO strings. */
import type { ParameterTier, ParameterType, Target } from '@aws-sdk/client-ssm';
import { regionSlice } from '../../core/regions.js';
import type { SimulatorApi } from '../../core/types.js';

export interface Tag {
  Key: string;
  Value: string;
}

export interface ParameterVersion {
  Version: number;
  Value: string;
  Type: ParameterType;
  DataType: string;
  Description?: string;
  KeyId?: string;
  AllowedPattern?: string;
  Tier: ParameterTier;
  Labels: string[];
  LastModifiedDate: string;
  LastModifiedUser: string;
  /** `aws:ec2:image` versions are validated after the call: invisible until then. */
  validateAt?: string;
}

export interface ParameterRecord {
  Name: string;
  Tags: Tag[];
  /** Owned by AWS (public parameters under /aws/service/): read-only, ARN without account. */
  public?: boolean;
  versions: ParameterVersion[];
  lastVersion: number;
  /** Versions dropped because their `aws:ec2:image` value failed validation. */
  rejected: { Version: number; Value: string; reason: string }[];
}

export interface InvocationRecord {
  InstanceId: string;
  /** The plugin: aws:runShellScript or aws:runPowerShellScript. */
  PluginName: string;
  startAt: string;
  endAt: string;
  status: 'Success' | 'Failed' | 'TimedOut';
  statusDetails: string;
  responseCode: number;
  stdout: string;
  stderr: string;
  cancelledAt?: string;
}

export interface CommandRecord {
  CommandId: string;
  DocumentName: string;
  Comment?: string;
  Parameters: Record<string, string[]>;
  InstanceIds: string[];
  Targets: Target[];
  TimeoutSeconds: number;
  executionTimeout: number;
  requestedAt: string;
  OutputS3BucketName?: string;
  OutputS3KeyPrefix?: string;
  OutputS3Region?: string;
  MaxConcurrency: string;
  MaxErrors: string;
  ServiceRoleArn?: string;
  CloudWatchOutputConfig?: { CloudWatchLogGroupName?: string; CloudWatchOutputEnabled?: boolean };
  invocations: InvocationRecord[];
}

export interface SsmRegion {
  parameters: Record<string, ParameterRecord>;
  commands: Record<string, CommandRecord>;
}

export interface SsmState {
  regions: Record<string, SsmRegion>;
}

export function initSsmState(): SsmState {
  return { regions: {} };
}

export function ssmRegion(sim: SimulatorApi, region: string): SsmRegion {
  return regionSlice<SsmRegion>(sim, 'ssm', region, () => ({ parameters: {}, commands: {} }));
}
