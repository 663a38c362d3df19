/** The SDK-shaped `Instance` of a stored instance, and the DescribeInstances filters. */
import type { Instance } from '@aws-sdk/client-ec2';
import type { FilterFields } from './filters.js';
import { currentTransition, STATE_CODES } from './lifecycle.js';
import type { InstanceRecord } from './state.js';

function dnsName(ip: string, region: string): string {
  const host = `ip-${ip.replace(/\./g, '-')}`;
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}

function publicDnsName(ip: string, region: string): string {
  const host = `ec2-${ip.replace(/\./g, '-')}`;
  return region === 'us-east-1'
    ? `${host}.compute-1.amazonaws.com`
    : `${host}.${region}.compute.amazonaws.com`;
}

export function instanceOutput(inst: InstanceRecord, region: string, nowMs: number): Instance {
  const t = currentTransition(inst, nowMs);
  const state = t.state;
  const gone = state === 'terminated';
  const stoppedLike = state === 'stopped' || state === 'stopping' || gone || state === 'shutting-down';
  const publicIp = stoppedLike ? undefined : inst.PublicIpAddress;
  const stateReason =
    t.stateReason ??
    (state === 'pending'
      ? { Code: 'pending', Message: 'pending' }
      : state === 'running'
        ? undefined
        : {
            Code: 'Client.UserInitiatedShutdown',
            Message: 'Client.UserInitiatedShutdown: User initiated shutdown',
          });
  return {
    InstanceId: inst.InstanceId,
    ImageId: inst.ImageId,
    State: { Code: STATE_CODES[state], Name: state },
    PrivateDnsName: gone ? '' : dnsName(inst.PrivateIpAddress, region),
    PublicDnsName: publicIp ? publicDnsName(publicIp, region) : '',
    StateTransitionReason: t.reason ?? '',
    KeyName: inst.KeyName,
    AmiLaunchIndex: inst.AmiLaunchIndex,
    ProductCodes: [],
    InstanceType: inst.InstanceType,
    LaunchTime: new Date(inst.launchedAt),
    Placement: { AvailabilityZone: inst.AvailabilityZone, GroupName: '', Tenancy: 'default' },
    // AWS answers `windows`; the SDK's enum spells it `Windows`.
    Platform: inst.Platform as Instance['Platform'],
    PlatformDetails: inst.PlatformDetails,
    UsageOperation: 'RunInstances',
    Monitoring: { State: 'disabled' },
    SubnetId: gone ? undefined : inst.SubnetId,
    VpcId: gone ? undefined : inst.VpcId,
    PrivateIpAddress: gone ? undefined : inst.PrivateIpAddress,
    PublicIpAddress: publicIp,
    StateReason: stateReason,
    Architecture: inst.Architecture,
    RootDeviceType: 'ebs',
    RootDeviceName: inst.RootDeviceName,
    BlockDeviceMappings: gone
      ? []
      : inst.BlockDevices.map((d) => ({
          DeviceName: d.DeviceName,
          Ebs: {
            AttachTime: new Date(inst.launchedAt),
            DeleteOnTermination: d.DeleteOnTermination,
            Status: 'attached',
            VolumeId: d.VolumeId,
          },
        })),
    VirtualizationType: 'hvm',
    ClientToken: inst.ClientToken ?? '',
    Tags: inst.Tags.length ? inst.Tags : undefined,
    SecurityGroups: gone ? [] : inst.SecurityGroups,
    SourceDestCheck: true,
    Hypervisor: 'xen',
    EbsOptimized: false,
    EnaSupport: inst.EnaSupport,
    IamInstanceProfile: inst.IamInstanceProfile
      ? { Arn: inst.IamInstanceProfile.Arn, Id: inst.IamInstanceProfile.Id }
      : undefined,
    NetworkInterfaces: gone
      ? []
      : [
          {
            NetworkInterfaceId: inst.NetworkInterfaceId,
            SubnetId: inst.SubnetId,
            VpcId: inst.VpcId,
            Description: '',
            Status: 'in-use',
            MacAddress: inst.MacAddress,
            PrivateIpAddress: inst.PrivateIpAddress,
            PrivateDnsName: dnsName(inst.PrivateIpAddress, region),
            SourceDestCheck: true,
            Groups: inst.SecurityGroups,
            Attachment: {
              AttachmentId: `eni-attach-${inst.NetworkInterfaceId.slice(4)}`,
              DeviceIndex: 0,
              Status: 'attached',
              AttachTime: new Date(inst.launchedAt),
              DeleteOnTermination: true,
            },
            Association: publicIp
              ? { PublicIp: publicIp, PublicDnsName: publicDnsName(publicIp, region), IpOwnerId: 'amazon' }
              : undefined,
            PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: inst.PrivateIpAddress }],
            InterfaceType: 'interface',
          },
        ],
    CpuOptions: { CoreCount: 1, ThreadsPerCore: 2 },
    CapacityReservationSpecification: { CapacityReservationPreference: 'open' },
    HibernationOptions: { Configured: false },
    MetadataOptions: { State: 'applied', ...inst.MetadataOptions, HttpProtocolIpv6: 'disabled' },
    EnclaveOptions: { Enabled: false },
    BootMode: inst.Architecture === 'arm64' ? 'uefi' : 'legacy-bios',
    CurrentInstanceBootMode: inst.Architecture === 'arm64' ? 'uefi' : 'legacy-bios',
    PrivateDnsNameOptions: {
      HostnameType: 'ip-name',
      EnableResourceNameDnsARecord: false,
      EnableResourceNameDnsAAAARecord: false,
    },
    MaintenanceOptions: { AutoRecovery: 'default' },
  };
}

export type InstanceView = Instance & { ReservationId: string };

export const INSTANCE_FILTERS: FilterFields<InstanceView> = {
  architecture: (i) => i.Architecture,
  'availability-zone': (i) => i.Placement?.AvailabilityZone,
  'client-token': (i) => i.ClientToken,
  'iam-instance-profile.arn': (i) => i.IamInstanceProfile?.Arn,
  'image-id': (i) => i.ImageId,
  'instance-id': (i) => i.InstanceId,
  'instance-state-code': (i) => i.State?.Code,
  'instance-state-name': (i) => i.State?.Name,
  'instance-type': (i) => i.InstanceType,
  'instance.group-id': (i) => (i.SecurityGroups ?? []).map((g) => g.GroupId),
  'instance.group-name': (i) => (i.SecurityGroups ?? []).map((g) => g.GroupName),
  'ip-address': (i) => i.PublicIpAddress,
  'key-name': (i) => i.KeyName,
  'launch-time': (i) => i.LaunchTime?.toISOString(),
  'network-interface.subnet-id': (i) => (i.NetworkInterfaces ?? []).map((n) => n.SubnetId),
  platform: (i) => i.Platform,
  'platform-details': (i) => i.PlatformDetails,
  'private-ip-address': (i) => i.PrivateIpAddress,
  'reservation-id': (i) => i.ReservationId,
  'root-device-type': (i) => i.RootDeviceType,
  'subnet-id': (i) => i.SubnetId,
  'vpc-id': (i) => i.VpcId,
  'metadata-options.http-tokens': (i) => i.MetadataOptions?.HttpTokens,
};
