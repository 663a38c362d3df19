/**
 * The EC2 slice of the simulator's state (`state.ec2`). JSON-serialisable: timestamps are ISO strings,
 * and every time-dependent state (image pending/available, instance pending/running, ...) is derived
 * on read from the stored timestamps.
 */
import type {
  ArchitectureValues,
  BootModeValues,
  DeviceType,
  HttpTokensState,
  HypervisorType,
  ImageCriterion,
  ImdsSupportValues,
  InstanceMetadataEndpointState,
  InstanceMetadataTagsState,
  InstanceStateName,
  _InstanceType as InstanceType,
  KeyType,
  TpmSupportValues,
  VirtualizationType,
  VolumeType,
} from '@aws-sdk/client-ec2';
import type { SimulatorApi } from '../../core/types.js';

export type { InstanceStateName };

export interface Tag {
  Key: string;
  Value: string;
}

/** One launch permission entry, as the SDK's `LaunchPermission`. */
export interface LaunchPermission {
  UserId?: string;
  Group?: 'all';
  OrganizationArn?: string;
  OrganizationalUnitArn?: string;
}

export interface EbsMapping {
  SnapshotId?: string;
  VolumeSize?: number;
  VolumeType?: VolumeType;
  DeleteOnTermination?: boolean;
  Encrypted?: boolean;
  KmsKeyId?: string;
  Iops?: number;
}

export interface BlockDeviceMapping {
  DeviceName: string;
  Ebs?: EbsMapping;
  VirtualName?: string;
}

export interface ImageRecord {
  ImageId: string;
  Name: string;
  Description?: string;
  OwnerId: string;
  ImageOwnerAlias?: string;
  Architecture: ArchitectureValues;
  /** AWS answers `windows` (the SDK's enum says `Windows`). */
  Platform?: 'windows';
  PlatformDetails: string;
  UsageOperation: string;
  EnaSupport: boolean;
  SriovNetSupport?: string;
  ImdsSupport?: ImdsSupportValues;
  BootMode?: BootModeValues;
  TpmSupport?: TpmSupportValues;
  VirtualizationType: VirtualizationType;
  Hypervisor: HypervisorType;
  RootDeviceName: string;
  RootDeviceType: DeviceType;
  BlockDeviceMappings: BlockDeviceMapping[];
  Public: boolean;
  Tags: Tag[];
  SourceInstanceId?: string;
  SourceImageId?: string;
  SourceImageRegion?: string;
  /** The last launch that shows already (see lifecycle.ts `lastLaunchedTime`). */
  LastLaunchedTime?: string;
  /** Launches that do not show yet in `lastLaunchedTime` (EC2 updates it up to a day late). */
  launches?: string[];
  /** When it was registered (CreationDate). */
  createdAt: string;
  /** When it was last restored from the Recycle Bin: describes miss it for a while, as after a create. */
  restoredAt?: string;
  /** When it reads `available` (or `failed`, when `failure` is set). */
  availableAt: string;
  /** A copy that ends `failed` at availableAt, with this StateReason. */
  failure?: { Code: string; Message: string };
  launchPermissions: LaunchPermission[];
  deprecateAt?: string;
  protection: 'disabled' | 'enabled' | 'enabled-with-cooldown';
  /** With cooldown: protection stays on until then after DisableImageDeregistrationProtection. */
  protectionUntil?: string;
  disabled?: boolean;
  /** Seeded public images owned by another account (Amazon). */
  seeded?: boolean;
}

export interface SnapshotRecord {
  SnapshotId: string;
  VolumeId: string;
  VolumeSize: number;
  Description: string;
  OwnerId: string;
  OwnerAlias?: string;
  Encrypted: boolean;
  KmsKeyId?: string;
  Tags: Tag[];
  startedAt: string;
  completedAt: string;
  /** A snapshot of a failed copy ends in `error`. */
  failed?: boolean;
  createVolumePermissions: { UserId?: string; Group?: 'all' }[];
}

export interface VolumeRecord {
  VolumeId: string;
  Size: number;
  SnapshotId?: string;
  AvailabilityZone: string;
  VolumeType: VolumeType;
  Iops?: number;
  Encrypted: boolean;
  KmsKeyId?: string;
  Tags: Tag[];
  createdAt: string;
  attachment?: { InstanceId: string; Device: string; DeleteOnTermination: boolean; attachedAt: string };
}

/** A scheduled state of an instance: the current state is the last one whose `at` has passed. */
export interface Transition {
  state: InstanceStateName;
  at: string;
  reason?: string;
  /** The StateReason it reads in this state, when not the usual one (a launch that failed). */
  stateReason?: { Code: string; Message: string };
}

export interface InstanceRecord {
  InstanceId: string;
  ReservationId: string;
  ImageId: string;
  InstanceType: InstanceType;
  Architecture: ArchitectureValues;
  /** AWS answers `windows` (the SDK's enum says `Windows`). */
  Platform?: 'windows';
  PlatformDetails: string;
  KeyName?: string;
  SubnetId: string;
  VpcId: string;
  AvailabilityZone: string;
  PrivateIpAddress: string;
  PublicIpAddress?: string;
  NetworkInterfaceId: string;
  MacAddress: string;
  SecurityGroups: { GroupId: string; GroupName: string }[];
  IamInstanceProfile?: { Arn: string; Id: string; Name: string };
  MetadataOptions: {
    HttpTokens: HttpTokensState;
    HttpPutResponseHopLimit: number;
    HttpEndpoint: InstanceMetadataEndpointState;
    InstanceMetadataTags: InstanceMetadataTagsState;
  };
  RootDeviceName: string;
  BlockDevices: { DeviceName: string; VolumeId: string; DeleteOnTermination: boolean }[];
  EnaSupport: boolean;
  ClientToken?: string;
  AmiLaunchIndex: number;
  UserData?: string;
  Tags: Tag[];
  launchedAt: string;
  transitions: Transition[];
}

export interface VpcRecord {
  VpcId: string;
  CidrBlock: string;
  IsDefault: boolean;
  Tags: Tag[];
}

export interface SubnetRecord {
  SubnetId: string;
  VpcId: string;
  CidrBlock: string;
  AvailabilityZone: string;
  DefaultForAz: boolean;
  MapPublicIpOnLaunch: boolean;
  /** Whether instances in it reach the SSM endpoints (internet route or VPC endpoints). */
  reachesSsm: boolean;
  /** Next host number handed out for private addresses. */
  nextHost: number;
  Tags: Tag[];
}

export interface IpPermission {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges?: { CidrIp: string; Description?: string }[];
  UserIdGroupPairs?: { GroupId: string; UserId?: string }[];
}

export interface SecurityGroupRecord {
  GroupId: string;
  GroupName: string;
  Description: string;
  VpcId: string;
  OwnerId: string;
  IpPermissions: IpPermission[];
  IpPermissionsEgress: IpPermission[];
  Tags: Tag[];
}

export interface KeyPairRecord {
  KeyPairId: string;
  KeyName: string;
  KeyFingerprint: string;
  KeyType: KeyType;
  createdAt: string;
  Tags: Tag[];
}

export interface InstanceProfileRecord {
  Name: string;
  Arn: string;
  Id: string;
  /** Whether its role lets the SSM agent register (AmazonSSMManagedInstanceCore or equivalent). */
  ssm: boolean;
}

export interface LaunchTemplateVersionRecord {
  VersionNumber: number;
  VersionDescription?: string;
  CreateTime: string;
  CreatedBy: string;
  LaunchTemplateData: Record<string, any>;
}

export interface LaunchTemplateRecord {
  LaunchTemplateId: string;
  LaunchTemplateName: string;
  CreateTime: string;
  CreatedBy: string;
  DefaultVersionNumber: number;
  LatestVersionNumber: number;
  Tags: Tag[];
  versions: Record<string, LaunchTemplateVersionRecord>;
}

export interface Ec2Region {
  images: Record<string, ImageRecord>;
  snapshots: Record<string, SnapshotRecord>;
  volumes: Record<string, VolumeRecord>;
  instances: Record<string, InstanceRecord>;
  vpcs: Record<string, VpcRecord>;
  subnets: Record<string, SubnetRecord>;
  securityGroups: Record<string, SecurityGroupRecord>;
  keyPairs: Record<string, KeyPairRecord>;
  /** `<Operation>:<ClientToken>` -> the resource id and a fingerprint of the request. */
  clientTokens: Record<string, { id: string; fingerprint: string }>;
  imageBlockPublicAccess: 'unblocked' | 'block-new-sharing';
  /** Created on first use (launch-templates.ts). */
  launchTemplates?: Record<string, LaunchTemplateRecord>;
  /** The account's Allowed AMIs settings in the region; created on first use (allowed-images.ts). */
  allowedImages?: AllowedImagesSettings;
  /** Image usage reports (usage-reports.ts); created on first use. */
  imageUsageReports?: Record<string, ImageUsageReportRecord>;
  /** Deregistered images a Recycle Bin rule retains (recycle-bin.ts); created on first use. */
  recycleBin?: Record<string, RecycledImage>;
}

export interface ImageUsageReportRecord {
  ReportId: string;
  ImageId: string;
  ResourceTypes: {
    ResourceType: string;
    ResourceTypeOptions?: { OptionName: string; OptionValues: string[] }[];
  }[];
  AccountIds?: string[];
  Tags: Tag[];
  createdAt: string;
  availableAt: string;
  expiresAt: string;
  /** Usage as it stood when the report was made. */
  entries: { ResourceType: string; AccountId: string; UsageCount: number }[];
}

export interface RecycledImage {
  image: ImageRecord;
  enteredAt: string;
  /** When it is permanently deleted (the longest retention of the rules that matched it). */
  exitsAt: string;
}

export interface AllowedImagesSettings {
  state: 'disabled' | 'enabled' | 'audit-mode';
  criteria: ImageCriterion[];
}

export interface Ec2State {
  /** IAM instance profiles (global, like IAM). */
  instanceProfiles: Record<string, InstanceProfileRecord>;
  regions: Record<string, Ec2Region>;
}

export function initEc2State(): Ec2State {
  return { instanceProfiles: {}, regions: {} };
}

export function emptyRegion(): Ec2Region {
  return {
    images: {},
    snapshots: {},
    volumes: {},
    instances: {},
    vpcs: {},
    subnets: {},
    securityGroups: {},
    keyPairs: {},
    clientTokens: {},
    imageBlockPublicAccess: 'unblocked',
  };
}

export function ec2State(sim: SimulatorApi): Ec2State {
  const s = sim.slice<Ec2State>('ec2');
  s.instanceProfiles ??= {};
  s.regions ??= {};
  return s;
}
