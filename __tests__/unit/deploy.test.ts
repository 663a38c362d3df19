import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/inputs.js';
import { describeDeploy, describeRollback, parseRecord, rollbackTarget } from '../../src/rollout/history.js';
import { parameterOf, parameterRollback, runLabel } from '../../src/rollout/parameter.js';
import {
  describePercentages,
  healthyPercentages,
  percentagesRefusal,
  preferences,
} from '../../src/rollout/refresh.js';

const env = (inputs: Record<string, string>) => {
  const result: Record<string, string> = { AWS_REGION: 'us-east-1' };
  for (const [name, value] of Object.entries(inputs)) result[`INPUT_${name.toUpperCase()}`] = value;
  return result;
};
const AMI_A = 'ami-0aaaaaaaaaaaaaaaa';
const AMI_B = 'ami-0bbbbbbbbbbbbbbbb';
const AMI_C = 'ami-0cccccccccccccccc';

describe('deploy inputs', () => {
  it('reads groups with region prefixes, the AMI map and the defaults', () => {
    const config = readConfig(
      'deploy',
      env({
        mode: 'deploy',
        amis: `{"us-east-1":"${AMI_A}","eu-west-1":"${AMI_B}"}`,
        asg: 'web\neu-west-1:api\n  worker  ',
      }),
    );
    expect(config.asg).toEqual([{ name: 'web' }, { region: 'eu-west-1', name: 'api' }, { name: 'worker' }]);
    expect(config.amis).toEqual({ 'us-east-1': AMI_A, 'eu-west-1': AMI_B });
    expect(config).toMatchObject({
      strategy: 'rolling',
      skipMatching: true,
      scaleInProtectedInstances: 'wait',
      standbyInstances: 'wait',
      autoRollback: true,
      onConflict: 'fail',
      setDefaultVersion: false,
      checkpointDelay: 600,
      alarms: [],
    });
    // Left out, the group's instance maintenance policy (else AWS's default) decides.
    expect(config.minHealthyPercentage).toBeUndefined();
    expect(config.maxHealthyPercentage).toBeUndefined();
  });

  it('rejects inputs that do not fit together', () => {
    const base = { mode: 'deploy', 'ami-id': AMI_A, asg: 'web' };
    expect(() => readConfig('deploy', env({ ...base, checkpoints: '10, 50, 100' }))).toThrow(
      /Input 'checkpoints'.*belong to strategy: canary/,
    );
    expect(() => readConfig('deploy', env({ ...base, strategy: 'canary', checkpoints: '50, 10' }))).toThrow(
      /Input 'checkpoints'.*ascending/,
    );
    expect(() => readConfig('deploy', env({ ...base, alarms: 'a,b,c,d,e,f,g,h,i,j,k' }))).toThrow(
      /Input 'alarms'.*at most 10/,
    );
    expect(() => readConfig('deploy', env({ mode: 'deploy', asg: 'web' }))).toThrow(
      /Input 'ami-id'.*ami-id, or amis/,
    );
    expect(() => readConfig('deploy', env({ ...base, amis: `{"us-east-1":"${AMI_B}"}` }))).toThrow(
      /ami-id must be the primary region's entry of amis/,
    );
    expect(() => readConfig('deploy', env({ ...base, amis: 'not json' }))).toThrow(
      /Input 'amis'.*JSON object/,
    );
    expect(() => readConfig('deploy', env({ ...base, 'on-conflict': 'retry' }))).toThrow(
      /Input 'on-conflict'.*fail, wait, cancel/,
    );
    expect(() => readConfig('rollback', env({ mode: 'rollback' }))).toThrow(/Input 'asg'/);
    expect(() => readConfig('deploy', env({ ...base, 'scale-in-protected-instances': 'skip' }))).toThrow(
      /Input 'scale-in-protected-instances'.*refresh, ignore, wait/,
    );
    expect(() => readConfig('deploy', env({ ...base, 'standby-instances': 'refresh' }))).toThrow(
      /Input 'standby-instances'.*terminate, ignore, wait/,
    );
    expect(() =>
      readConfig('deploy', env({ ...base, 'min-healthy-percentage': '50', 'max-healthy-percentage': '160' })),
    ).toThrow(/Input 'max-healthy-percentage'.*at most 100 above/);
  });
});

describe('rollout history in launch template version descriptions', () => {
  it('round-trips both kinds of record and ignores other descriptions', () => {
    expect(parseRecord(describeDeploy(AMI_B, AMI_A, 3, ' (https://x)'))).toEqual({
      kind: 'deploy',
      ami: AMI_B,
      previousAmi: AMI_A,
      fromVersion: 3,
    });
    expect(parseRecord(describeRollback(AMI_A, 3, AMI_B))).toEqual({
      kind: 'rollback',
      ami: AMI_A,
      stateOfVersion: 3,
      removedAmi: AMI_B,
    });
    expect(parseRecord('hand-made v7')).toBeUndefined();
    expect(describeDeploy(AMI_B, AMI_A, 3, 'x'.repeat(400))).toHaveLength(255);
  });

  it('goes one step further back on each rollback, never to the AMI just removed', async () => {
    // v1 A (hand-made) -> v2 deploy B -> v3 deploy C -> v4 rollback to B (state of v2) -> v5 rollback to A (state of v1)
    const versions: Record<number, string | undefined> = {
      1: 'initial',
      2: describeDeploy(AMI_B, AMI_A, 1),
      3: describeDeploy(AMI_C, AMI_B, 2),
      4: describeRollback(AMI_B, 2, AMI_C),
      5: describeRollback(AMI_A, 1, AMI_B),
    };
    const describe = async (v: number) => versions[v];
    expect(await rollbackTarget(3, describe)).toEqual({ ami: AMI_B, stateOfVersion: 2 });
    expect(await rollbackTarget(4, describe)).toEqual({ ami: AMI_A, stateOfVersion: 1 });
    expect(await rollbackTarget(5, describe)).toMatchObject({
      none: expect.stringMatching(/no earlier AMI/),
    });
    expect(await rollbackTarget(1, describe)).toMatchObject({
      none: expect.stringMatching(/not made by an ami-action deploy/),
    });
  });
});

describe('the refresh settings of a group', () => {
  const config = (inputs: Record<string, string> = {}) =>
    readConfig('deploy', env({ mode: 'deploy', 'ami-id': AMI_A, asg: 'web', ...inputs }));
  const policy = { InstanceMaintenancePolicy: { MinHealthyPercentage: 100, MaxHealthyPercentage: 110 } };

  it("takes the group's instance maintenance policy unless an input overrides it, and says where each came from", () => {
    const fromPolicy = healthyPercentages(config(), policy);
    expect(fromPolicy.preferences).toEqual({});
    expect(describePercentages(fromPolicy)).toBe(
      "min 100% / max 110% (the group's instance maintenance policy)",
    );
    const overridden = healthyPercentages(config({ 'min-healthy-percentage': '50' }), policy);
    expect(overridden.preferences).toEqual({ MinHealthyPercentage: 50, MaxHealthyPercentage: 110 });
    expect(describePercentages(overridden)).toBe(
      "min 50% (input) / max 110% (the group's instance maintenance policy)",
    );
    const none = healthyPercentages(config(), {});
    expect(describePercentages(none)).toBe("min 90% / max 100% (Auto Scaling's default)");
    const cleared = healthyPercentages(config({ 'max-healthy-percentage': '150' }), {
      InstanceMaintenancePolicy: { MinHealthyPercentage: -1, MaxHealthyPercentage: -1 },
    });
    // Auto Scaling takes MaxHealthyPercentage only with MinHealthyPercentage: its default goes too.
    expect(cleared.preferences).toEqual({ MinHealthyPercentage: 90, MaxHealthyPercentage: 150 });
    expect(healthyPercentages(config({ 'min-healthy-percentage': '75' }), {}).preferences).toEqual({
      MinHealthyPercentage: 75,
      MaxHealthyPercentage: 100,
    });
    expect(
      percentagesRefusal(
        healthyPercentages(config({ 'max-healthy-percentage': '200' }), {
          InstanceMaintenancePolicy: { MinHealthyPercentage: 50, MaxHealthyPercentage: 150 },
        }),
        'web',
      ),
    ).toMatch(
      /max healthy 200% \(input\) and min healthy 50% \(the group's instance maintenance policy\) are more than 100 apart/,
    );
  });

  it('passes the protected and standby preferences; a parameter group replaces every instance without auto-rollback', () => {
    const prefs = preferences(
      config({ 'scale-in-protected-instances': 'ignore', 'standby-instances': 'terminate' }),
      {},
    );
    expect(prefs).toMatchObject({
      ScaleInProtectedInstances: 'Ignore',
      StandbyInstances: 'Terminate',
      SkipMatching: true,
      AutoRollback: true,
    });
    expect(preferences(config(), {}, { parameter: true })).toMatchObject({
      ScaleInProtectedInstances: 'Wait',
      StandbyInstances: 'Wait',
      SkipMatching: false,
      AutoRollback: false,
    });
  });

  it('reads the parameter a resolve:ssm image id names, and what it pins', () => {
    expect(parameterOf('ami-0aaaaaaaaaaaaaaaa')).toBeUndefined();
    expect(parameterOf('resolve:ssm:/app/ami')).toEqual({ name: '/app/ami' });
    expect(parameterOf('resolve:ssm:/app/ami:3')).toEqual({ name: '/app/ami', selector: '3' });
    expect(parameterOf('resolve:ssm:/app/ami:prod')).toEqual({ name: '/app/ami', selector: 'prod' });
    expect(parameterOf('resolve:ssm:arn:aws:ssm:us-east-1:123456789012:parameter/app/ami')).toEqual({
      name: 'arn:aws:ssm:us-east-1:123456789012:parameter/app/ami',
    });
    expect(runLabel('4242-1')).toBe('run-4242-1');
    expect(runLabel('local-77-1700000000000', 'undo')).toBe('undo-local-77-1700000000000');
  });

  it("rolls a parameter back along its versions' records, never trusting a record on a version that holds another AMI", async () => {
    const history = [
      { version: 1, value: AMI_A, labels: [] },
      { version: 2, value: AMI_B, labels: ['run-1-1'], description: describeDeploy(AMI_B, AMI_A, 1) },
      // Written by someone else, who kept the description: not a deploy of AMI_B.
      { version: 3, value: AMI_C, labels: [], description: describeDeploy(AMI_B, AMI_A, 1) },
    ];
    const state = { name: '/app/ami', value: AMI_B, version: 2, dataType: 'aws:ec2:image', history };
    expect(await parameterRollback(state)).toEqual({ ami: AMI_A, stateOfVersion: 1 });
    expect(await parameterRollback({ ...state, value: AMI_C, version: 3 })).toMatchObject({
      none: expect.stringMatching(/version 3 was not made by an ami-action deploy/),
    });
  });
});
