/** EBS volumes created by RunInstances: DescribeVolumes. Volumes deleted on termination disappear. */
import type {
  DescribeVolumesCommandInput,
  DescribeVolumesCommandOutput,
  Volume,
  VolumeAttachment,
} from '@aws-sdk/client-ec2';
import { paginate } from '../../core/pagination.js';
import { AwsError, type Handler } from '../../core/types.js';
import { applyFilters } from './filters.js';
import { instanceState } from './lifecycle.js';
import { EC2_PAGING } from './limits.js';
import { regionState } from './region.js';
import type { Ec2Region, VolumeRecord } from './state.js';

/** `in-use`, `available`, or `deleted` (its instance terminated with DeleteOnTermination). */
export function volumeState(
  r: Ec2Region,
  v: VolumeRecord,
  nowMs: number,
): 'in-use' | 'available' | 'deleted' {
  const a = v.attachment;
  if (!a) return 'available';
  const inst = r.instances[a.InstanceId];
  if (!inst || instanceState(inst, nowMs) === 'terminated')
    return a.DeleteOnTermination ? 'deleted' : 'available';
  return 'in-use';
}

/** The SDK's `Volume`, with the members the filters read always present. */
type VolumeView = Volume & { Attachments: VolumeAttachment[]; CreateTime: Date };

function volumeOutput(r: Ec2Region, v: VolumeRecord, nowMs: number): VolumeView {
  const state = volumeState(r, v, nowMs);
  return {
    VolumeId: v.VolumeId,
    Size: v.Size,
    SnapshotId: v.SnapshotId ?? '',
    AvailabilityZone: v.AvailabilityZone,
    State: state,
    CreateTime: new Date(v.createdAt),
    Attachments:
      state === 'in-use' && v.attachment
        ? [
            {
              AttachTime: new Date(v.attachment.attachedAt),
              Device: v.attachment.Device,
              InstanceId: v.attachment.InstanceId,
              State: 'attached',
              VolumeId: v.VolumeId,
              DeleteOnTermination: v.attachment.DeleteOnTermination,
            },
          ]
        : [],
    VolumeType: v.VolumeType,
    Iops: v.Iops,
    Throughput: v.VolumeType === 'gp3' ? 125 : undefined,
    Encrypted: v.Encrypted,
    KmsKeyId: v.KmsKeyId,
    MultiAttachEnabled: false,
    Tags: v.Tags.length ? v.Tags : undefined,
  };
}

export const DescribeVolumes: Handler<DescribeVolumesCommandInput, DescribeVolumesCommandOutput> = (
  input,
  ctx,
) => {
  const r = regionState(ctx.sim, ctx.region);
  const now = ctx.sim.clock.nowMs();
  const live = (v: VolumeRecord | undefined) => !!v && volumeState(r, v, now) !== 'deleted';
  const ids: string[] = input.VolumeIds ?? [];
  const missing = ids.filter((id) => !live(r.volumes[id]));
  if (missing.length) {
    throw new AwsError('InvalidVolume.NotFound', `The volume '${missing.join(', ')}' does not exist.`);
  }
  const items = (ids.length ? ids.map((id) => r.volumes[id]) : Object.values(r.volumes).filter(live)).map(
    (v) => volumeOutput(r, v, now),
  );
  const matched = applyFilters(items, input.Filters, {
    'attachment.attach-time': (v) => v.Attachments.map((a) => a.AttachTime?.toISOString()),
    'attachment.delete-on-termination': (v) => v.Attachments.map((a) => a.DeleteOnTermination),
    'attachment.device': (v) => v.Attachments.map((a) => a.Device),
    'attachment.instance-id': (v) => v.Attachments.map((a) => a.InstanceId),
    'attachment.status': (v) => v.Attachments.map((a) => a.State),
    'availability-zone': (v) => v.AvailabilityZone,
    'create-time': (v) => v.CreateTime.toISOString(),
    encrypted: (v) => v.Encrypted,
    size: (v) => v.Size,
    'snapshot-id': (v) => v.SnapshotId,
    status: (v) => v.State,
    'volume-id': (v) => v.VolumeId,
    'volume-type': (v) => v.VolumeType,
  });
  const { page, next } = paginate(matched, input, EC2_PAGING.DescribeVolumes);
  return { Volumes: page, NextToken: next };
};
