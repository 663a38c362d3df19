/**
 * The EC2 part of the default scenario: Amazon's public base AMIs, an SSM-capable instance profile,
 * a subnet that cannot reach SSM, and the account's image block public access state. Every region also
 * gets a default VPC (a default subnet per zone, reaching SSM) on first use.
 */
import { accountFor } from '../../core/accounts.js';
import type { SimulatorApi } from '../../core/types.js';
import { WORKLOAD_ACCOUNTS } from '../sts/scenario.js';
import { type AllowedImagesSeed, seedAllowedImages } from './allowed-images.js';
import { stableId } from './ids.js';
import { defaultVpcId, regionState } from './region.js';
import { ec2State, type ImageRecord } from './state.js';

export const AMAZON_OWNER_ID = '137112412989';
export const AMAZON_WINDOWS_OWNER_ID = '801119661308';

/** Amazon Linux 2023 x86_64 in us-east-1: the default source AMI. */
export const DEFAULT_BASE_AMI_ID = 'ami-0abcdef1234567890';
export const DEFAULT_BASE_AMI_NAME = 'al2023-ami-2023.6.20241010.0-kernel-6.1-x86_64';
/** Amazon Linux 2023 arm64 in us-east-1. */
export const DEFAULT_ARM64_AMI_ID = 'ami-0fedcba9876543210';
export const DEFAULT_ARM64_AMI_NAME = 'al2023-ami-2023.6.20241010.0-kernel-6.1-arm64';
/** Windows Server 2022 in us-east-1 (PlatformType Windows in SSM: AWS-RunPowerShellScript). */
export const DEFAULT_WINDOWS_AMI_ID = 'ami-0123456789abcdef0';
export const DEFAULT_WINDOWS_AMI_NAME = 'Windows_Server-2022-English-Full-Base-2024.10.09';
/** The instance profile with SSM permissions; `ami-action-no-ssm` has none. */
export const DEFAULT_INSTANCE_PROFILE = 'ami-action-test';
export const NO_SSM_INSTANCE_PROFILE = 'ami-action-no-ssm';
export const DEFAULT_REGION = 'us-east-1';
/** Regions seeded with the base AMIs (other ids than us-east-1's: AMI ids are regional). */
export const DEFAULT_EC2_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-southeast-2',
];
/** A subnet of us-east-1's default VPC without any route to SSM (instances there never come Online). */
export const ISOLATED_SUBNET_ID = stableId('subnet', 'us-east-1', 'isolated');

export type Arch = 'x86_64' | 'arm64';

/** The seeded Amazon Linux 2023 AMI id of a region. */
export function baseAmiId(region: string, arch: Arch = 'x86_64'): string {
  if (region === DEFAULT_REGION) return arch === 'arm64' ? DEFAULT_ARM64_AMI_ID : DEFAULT_BASE_AMI_ID;
  return stableId('ami', region, `al2023-${arch}`);
}

export interface ImageSeed {
  /** The account whose state holds it (default: the section's, else the default account). */
  account?: string;
  region: string;
  imageId: string;
  name: string;
  architecture?: Arch;
  platform?: 'windows';
  description?: string;
  /** Defaults to Amazon (`137112412989`, alias `amazon`, public). */
  ownerId?: string;
  ownerAlias?: string;
  public?: boolean;
  rootVolumeSize?: number;
  encrypted?: boolean;
  kmsKeyId?: string;
  imdsSupport?: 'v2.0';
  creationDate?: string;
  deprecateAt?: string;
  /** When an instance was last launched from it, as `lastLaunchedTime` shows it already. */
  lastLaunchedTime?: string;
}

export interface SubnetSeed {
  account?: string;
  region: string;
  subnetId: string;
  zone: string;
  cidr: string;
  reachesSsm: boolean;
  mapPublicIp?: boolean;
}

export interface Ec2ScenarioSection {
  instanceProfiles?: { account?: string; name: string; ssm: boolean }[];
  images?: ImageSeed[];
  subnets?: SubnetSeed[];
  /** Region -> image block public access state (default `unblocked`). */
  imageBlockPublicAccess?: Record<string, 'unblocked' | 'block-new-sharing'>;
  /**
   * Regions where an account has its default VPC (a default subnet per zone and the `default`
   * security group) from the start; every account also gets one in a region on first use there.
   */
  defaultVpcs?: { account?: string; region: string }[];
  /** Allowed AMIs settings of an account in a region (see allowed-images.ts). */
  allowedImages?: AllowedImagesSeed[];
}

function al2023(region: string, arch: Arch): ImageSeed {
  const name = arch === 'arm64' ? DEFAULT_ARM64_AMI_NAME : DEFAULT_BASE_AMI_NAME;
  return {
    region,
    imageId: baseAmiId(region, arch),
    name,
    architecture: arch,
    description: `Amazon Linux 2023 AMI 2023.6.20241010.0 ${arch} HVM kernel-6.1`,
    imdsSupport: 'v2.0',
  };
}

export function ec2ScenarioSection(regions: string[] = DEFAULT_EC2_REGIONS): Ec2ScenarioSection {
  return {
    instanceProfiles: [
      { name: DEFAULT_INSTANCE_PROFILE, ssm: true },
      { name: NO_SSM_INSTANCE_PROFILE, ssm: false },
    ],
    images: [
      ...regions.flatMap((r) => [al2023(r, 'x86_64'), al2023(r, 'arm64')]),
      {
        region: DEFAULT_REGION,
        imageId: DEFAULT_WINDOWS_AMI_ID,
        name: DEFAULT_WINDOWS_AMI_NAME,
        platform: 'windows',
        description: 'Microsoft Windows Server 2022 Full Locale English AMI provided by Amazon',
        ownerId: AMAZON_WINDOWS_OWNER_ID,
        rootVolumeSize: 30,
      },
    ],
    subnets: [
      {
        region: DEFAULT_REGION,
        subnetId: ISOLATED_SUBNET_ID,
        zone: 'us-east-1a',
        cidr: '172.31.96.0/20',
        reachesSsm: false,
      },
    ],
    imageBlockPublicAccess: {},
  };
}

/** What each workload account has: its instance profiles and its default VPC in every seeded region. */
export function workloadEc2(accounts: string[], regions: string[] = DEFAULT_EC2_REGIONS): Ec2ScenarioSection {
  return {
    instanceProfiles: accounts.flatMap((account) => [
      { account, name: DEFAULT_INSTANCE_PROFILE, ssm: true },
      { account, name: NO_SSM_INSTANCE_PROFILE, ssm: false },
    ]),
    defaultVpcs: accounts.flatMap((account) => regions.map((region) => ({ account, region }))),
  };
}

const ownAndWorkload = (own: Ec2ScenarioSection, workload: Ec2ScenarioSection): Ec2ScenarioSection => ({
  ...own,
  instanceProfiles: [...(own.instanceProfiles ?? []), ...(workload.instanceProfiles ?? [])],
  defaultVpcs: [...(own.defaultVpcs ?? []), ...(workload.defaultVpcs ?? [])],
});

export const defaultScenarioSection: Ec2ScenarioSection = ownAndWorkload(
  ec2ScenarioSection(),
  workloadEc2(WORKLOAD_ACCOUNTS),
);

function seedImage(section: SimulatorApi, s: ImageSeed): void {
  const sim = accountFor(section, s.account);
  const r = regionState(sim, s.region);
  const ownerId = s.ownerId ?? AMAZON_OWNER_ID;
  const amazon = ownerId === AMAZON_OWNER_ID || ownerId === AMAZON_WINDOWS_OWNER_ID;
  const created = s.creationDate ?? '2024-10-10T23:09:21.000Z';
  const snapId = stableId('snap', s.region, s.imageId);
  const size = s.rootVolumeSize ?? 8;
  const windows = s.platform === 'windows';
  r.snapshots[snapId] = {
    SnapshotId: snapId,
    VolumeId: 'vol-ffffffff',
    VolumeSize: size,
    Description: `Snapshot of ${s.name}`,
    OwnerId: ownerId,
    OwnerAlias: amazon ? 'amazon' : s.ownerAlias,
    Encrypted: !!s.encrypted,
    KmsKeyId: s.kmsKeyId,
    Tags: [],
    startedAt: created,
    completedAt: created,
    createVolumePermissions: (s.public ?? amazon) ? [{ Group: 'all' }] : [],
  };
  const rootDevice = windows ? '/dev/sda1' : '/dev/xvda';
  const img: ImageRecord = {
    ImageId: s.imageId,
    Name: s.name,
    Description: s.description,
    OwnerId: ownerId,
    ImageOwnerAlias: amazon ? 'amazon' : s.ownerAlias,
    Architecture: s.architecture ?? 'x86_64',
    Platform: s.platform,
    PlatformDetails: windows ? 'Windows' : 'Linux/UNIX',
    UsageOperation: windows ? 'RunInstances:0002' : 'RunInstances',
    EnaSupport: true,
    SriovNetSupport: 'simple',
    ImdsSupport: s.imdsSupport,
    BootMode: s.architecture === 'arm64' ? 'uefi' : windows ? undefined : 'uefi-preferred',
    VirtualizationType: 'hvm',
    Hypervisor: 'xen',
    RootDeviceName: rootDevice,
    RootDeviceType: 'ebs',
    BlockDeviceMappings: [
      {
        DeviceName: rootDevice,
        Ebs: {
          DeleteOnTermination: true,
          SnapshotId: snapId,
          VolumeSize: size,
          VolumeType: 'gp3',
          Encrypted: !!s.encrypted,
          KmsKeyId: s.kmsKeyId,
        },
      },
    ],
    Public: s.public ?? amazon,
    Tags: [],
    createdAt: created,
    availableAt: created,
    launchPermissions: (s.public ?? amazon) ? [{ Group: 'all' }] : [],
    deprecateAt: s.deprecateAt,
    LastLaunchedTime: s.lastLaunchedTime,
    protection: 'disabled',
    seeded: amazon,
  };
  r.images[s.imageId] = img;
}

export function seedEc2(section: unknown, home: SimulatorApi): void {
  const s = (section ?? {}) as Ec2ScenarioSection;
  for (const p of s.instanceProfiles ?? []) {
    const sim = accountFor(home, p.account);
    ec2State(sim).instanceProfiles[p.name] = {
      Name: p.name,
      Arn: `arn:aws:iam::${sim.accountId}:instance-profile/${p.name}`,
      Id: `AIPA${stableId('x', p.name).slice(2, 19).toUpperCase()}`,
      ssm: p.ssm,
    };
  }
  for (const img of s.images ?? []) seedImage(home, img);
  for (const v of s.defaultVpcs ?? []) regionState(accountFor(home, v.account), v.region);
  for (const sub of s.subnets ?? []) {
    const sim = accountFor(home, sub.account);
    const r = regionState(sim, sub.region);
    r.subnets[sub.subnetId] = {
      SubnetId: sub.subnetId,
      VpcId: defaultVpcId(sim.accountId, sub.region),
      CidrBlock: sub.cidr,
      AvailabilityZone: sub.zone,
      DefaultForAz: false,
      MapPublicIpOnLaunch: !!sub.mapPublicIp,
      reachesSsm: sub.reachesSsm,
      nextHost: 10,
      Tags: [{ Key: 'Name', Value: sub.reachesSsm ? 'private' : 'isolated (no route to SSM)' }],
    };
  }
  for (const [region, value] of Object.entries(s.imageBlockPublicAccess ?? {})) {
    regionState(home, region).imageBlockPublicAccess = value;
  }
  for (const a of s.allowedImages ?? []) seedAllowedImages(accountFor(home, a.account), a);
}
