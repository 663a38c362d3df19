/** Warm pools: PutWarmPool, DescribeWarmPool, DeleteWarmPool (the pool's mechanics are in warm-pool.ts). */
import type {
  DeleteWarmPoolCommandInput,
  DeleteWarmPoolCommandOutput,
  DescribeWarmPoolCommandInput,
  DescribeWarmPoolCommandOutput,
  PutWarmPoolCommandInput,
  PutWarmPoolCommandOutput,
} from '@aws-sdk/client-auto-scaling';
import { paginate } from '../../core/pagination.js';
import { AwsError, type Handler } from '../../core/types.js';
import { advanceAutoScaling } from './engine.js';
import { ASG_PAGING } from './limits.js';
import { requireGroup, type WarmPoolRecord } from './state.js';
import { fillWarmPool, liveWarm, terminateWarm, warmLifecycle } from './warm-pool.js';

const POOL_STATES = ['Stopped', 'Running', 'Hibernated'];

export const PutWarmPool: Handler<PutWarmPoolCommandInput, PutWarmPoolCommandOutput> = (input, ctx) => {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const state = input.PoolState ?? g.warmPool?.PoolState ?? 'Stopped';
  if (!POOL_STATES.includes(state)) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${state}' at 'poolState' failed to satisfy constraint: Member must satisfy enum value set: [${POOL_STATES.join(', ')}]`,
    );
  }
  const min = Number(input.MinSize ?? g.warmPool?.MinSize ?? 0);
  if (!(Number.isInteger(min) && min >= 0)) {
    throw new AwsError('ValidationError', 'MinSize must be a whole number, 0 or more.');
  }
  const prepared = input.MaxGroupPreparedCapacity ?? g.warmPool?.MaxGroupPreparedCapacity;
  if (prepared !== undefined && prepared !== -1 && !(Number.isInteger(prepared) && prepared >= 0)) {
    throw new AwsError(
      'ValidationError',
      'MaxGroupPreparedCapacity must be -1 or a whole number, 0 or more.',
    );
  }
  if (prepared !== undefined && prepared !== -1 && prepared < min) {
    throw new AwsError(
      'ValidationError',
      'MaxGroupPreparedCapacity must be at least the MinSize of the warm pool.',
    );
  }
  const pool: WarmPoolRecord = {
    MinSize: min,
    MaxGroupPreparedCapacity: prepared,
    PoolState: state as WarmPoolRecord['PoolState'],
    InstanceReusePolicy: input.InstanceReusePolicy ?? g.warmPool?.InstanceReusePolicy,
    instances: g.warmPool?.instances ?? [],
  };
  g.warmPool = pool;
  fillWarmPool(ctx.sim, ctx.region, g, ctx.sim.clock.nowMs());
  return {};
};

export const DescribeWarmPool: Handler<DescribeWarmPoolCommandInput, DescribeWarmPoolCommandOutput> = (
  input,
  ctx,
) => {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const pool = g.warmPool;
  if (!pool) return { Instances: [] };
  const now = ctx.sim.clock.nowMs();
  const { page, next } = paginate(pool.instances, input, ASG_PAGING.DescribeWarmPool);
  return {
    WarmPoolConfiguration: {
      MinSize: pool.MinSize,
      MaxGroupPreparedCapacity: pool.MaxGroupPreparedCapacity,
      PoolState: pool.PoolState,
      InstanceReusePolicy: pool.InstanceReusePolicy,
    },
    Instances: page.map((w) => ({
      InstanceId: w.InstanceId,
      InstanceType: w.InstanceType,
      AvailabilityZone: w.AvailabilityZone,
      LifecycleState: warmLifecycle(pool, w, now) as never,
      HealthStatus: 'Healthy',
      LaunchTemplate: w.LaunchTemplate,
      ProtectedFromScaleIn: false,
    })),
    NextToken: next,
  };
};

/** DeleteWarmPool: with instances in the pool only with ForceDelete (they are terminated). */
export const DeleteWarmPool: Handler<DeleteWarmPoolCommandInput, DeleteWarmPoolCommandOutput> = (
  input,
  ctx,
) => {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  if (!g.warmPool) {
    throw new AwsError(
      'ValidationError',
      `The Auto Scaling group ${g.AutoScalingGroupName} has no warm pool.`,
    );
  }
  const live = liveWarm(g.warmPool);
  if (live.length && !input.ForceDelete) {
    throw new AwsError(
      'ResourceInUse',
      'You cannot delete a warm pool while it has instances: use ForceDelete to terminate them with it.',
    );
  }
  for (const w of live) terminateWarm(ctx.sim, ctx.region, w, ctx.sim.clock.nowMs());
  g.warmPool = undefined;
  return {};
};
