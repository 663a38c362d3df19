/** The CloudWatch service model (awsJson1_0, query-compatible; signing name `monitoring`): operation names -> handlers. */
import type { ServiceModel } from '../../core/types.js';
import { DeleteAlarms, DescribeAlarms, PutMetricAlarm, SetAlarmState } from './alarms.js';
import { seedCloudWatch } from './scenario.js';
import { initCloudWatchState } from './state.js';

export const cloudwatch: ServiceModel = {
  signingName: 'monitoring',
  handlers: { DescribeAlarms, PutMetricAlarm, SetAlarmState, DeleteAlarms },
  initState: initCloudWatchState,
  seed: seedCloudWatch,
};
