/** The CloudWatch part of the default scenario: alarm `demo-app-5xx` on group demo-app, OK. */
import { accountFor } from '../../core/accounts.js';
import type { SimulatorApi } from '../../core/types.js';
import { putAlarm } from './alarms.js';
import type { AlarmStateValue } from './state.js';

export interface CloudWatchScenarioSection {
  alarms?: {
    /** The account that owns it (default: the section's, else the default account). */
    account?: string;
    region: string;
    name: string;
    description?: string;
    state?: AlarmStateValue;
    dimensions?: { Name: string; Value: string }[];
  }[];
}

export const defaultScenarioSection: CloudWatchScenarioSection = {
  alarms: [
    {
      region: 'us-east-1',
      name: 'demo-app-5xx',
      description: 'demo-app target 5xx responses',
      state: 'OK',
      dimensions: [{ Name: 'AutoScalingGroupName', Value: 'demo-app' }],
    },
  ],
};

export function seedCloudWatch(section: unknown, home: SimulatorApi) {
  for (const a of (section as CloudWatchScenarioSection)?.alarms ?? []) {
    putAlarm(accountFor(home, a.account), a.region, {
      AlarmName: a.name,
      AlarmDescription: a.description,
      Dimensions: a.dimensions ?? [],
      StateValue: a.state ?? 'OK',
      StateReason:
        'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching].',
    });
  }
}
