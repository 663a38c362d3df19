/** The CloudWatch slice (`state.monitoring`): metric alarms per region. Timestamps are ISO strings. */
import type { ComparisonOperator, Dimension, StateValue, Statistic } from '@aws-sdk/client-cloudwatch';
import { regionSlice } from '../../core/regions.js';
import type { SimulatorApi } from '../../core/types.js';

export type AlarmStateValue = StateValue;

export interface AlarmRecord {
  AlarmName: string;
  AlarmArn: string;
  AlarmDescription?: string;
  MetricName: string;
  Namespace: string;
  Statistic: Statistic;
  Dimensions: Dimension[];
  Period: number;
  EvaluationPeriods: number;
  Threshold: number;
  ComparisonOperator: ComparisonOperator;
  ActionsEnabled: boolean;
  StateValue: AlarmStateValue;
  StateReason: string;
  StateUpdatedTimestamp: string;
  AlarmConfigurationUpdatedTimestamp: string;
}

export interface CloudWatchState {
  regions: Record<string, { alarms: Record<string, AlarmRecord> }>;
}

export function initCloudWatchState(): CloudWatchState {
  return { regions: {} };
}

export function alarms(sim: SimulatorApi, region: string): Record<string, AlarmRecord> {
  return regionSlice(sim, 'monitoring', region, () => ({ alarms: {} as Record<string, AlarmRecord> })).alarms;
}
