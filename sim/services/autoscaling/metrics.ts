/** Group metrics collection: EnableMetricsCollection. */
import type {
  EnableMetricsCollectionCommandInput,
  EnableMetricsCollectionCommandOutput,
} from '@aws-sdk/client-auto-scaling';
import { AwsError, type Handler } from '../../core/types.js';
import { requireGroup } from './state.js';

const GROUP_METRICS = [
  'GroupMinSize',
  'GroupMaxSize',
  'GroupDesiredCapacity',
  'GroupInServiceInstances',
  'GroupPendingInstances',
  'GroupStandbyInstances',
  'GroupTerminatingInstances',
  'GroupTotalInstances',
  'GroupInServiceCapacity',
  'GroupPendingCapacity',
  'GroupStandbyCapacity',
  'GroupTerminatingCapacity',
  'GroupTotalCapacity',
  'WarmPoolDesiredCapacity',
  'WarmPoolWarmedCapacity',
  'WarmPoolPendingCapacity',
  'WarmPoolTerminatingCapacity',
  'WarmPoolTotalCapacity',
  'GroupAndWarmPoolDesiredCapacity',
  'GroupAndWarmPoolTotalCapacity',
];

/** Group metrics collection: Granularity must be `1Minute`; no Metrics means all of them. */
export const EnableMetricsCollection: Handler<
  EnableMetricsCollectionCommandInput,
  EnableMetricsCollectionCommandOutput
> = (input, ctx) => {
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  if (input.Granularity !== '1Minute') {
    throw new AwsError('ValidationError', `Granularity '${input.Granularity}' is not valid: use 1Minute`);
  }
  const metrics: string[] = input.Metrics?.length ? input.Metrics : GROUP_METRICS;
  const unknown = metrics.filter((m) => !GROUP_METRICS.includes(m));
  if (unknown.length) throw new AwsError('ValidationError', `Metric ${unknown[0]} is not valid`);
  const kept = (g.EnabledMetrics ?? []).filter((m) => !metrics.includes(m.Metric));
  g.EnabledMetrics = [...kept, ...metrics.map((Metric) => ({ Metric, Granularity: '1Minute' }))];
  return {};
};
