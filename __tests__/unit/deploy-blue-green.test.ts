import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/inputs.js';
import { colourOf } from '../../src/rollout/blue-green/family.js';

const env = (inputs: Record<string, string>) => {
  const result: Record<string, string> = { AWS_REGION: 'us-east-1' };
  for (const [name, value] of Object.entries(inputs)) result[`INPUT_${name.toUpperCase()}`] = value;
  return result;
};
const LISTENER =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/0123456789abcdef/fedcba9876543210';
const base = { mode: 'deploy', 'ami-id': 'ami-0aaaaaaaaaaaaaaaa', asg: 'web', strategy: 'blue-green' };

describe('blue-green inputs', () => {
  it('reads green-asg, target-groups and keep-old', () => {
    const config = readConfig(
      'deploy',
      env({
        ...base,
        'green-asg': 'web-2',
        'target-groups':
          'web, arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/0123456789abcdef',
        'keep-old': '2h',
      }),
    );
    expect(config).toMatchObject({
      strategy: 'blue-green',
      greenAsg: 'web-2',
      targetGroups: [
        'web',
        'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/0123456789abcdef',
      ],
      keepOld: 7200,
    });
  });

  it('refuses more than 50 target groups, and target group ARNs that are malformed or of another region', () => {
    const arn = (n: number, region = 'us-east-1') =>
      `arn:aws:elasticloadbalancing:${region}:123456789012:targetgroup/tg-${n}/0123456789abcdef`;
    const fifty = Array.from({ length: 50 }, (_, n) => arn(n)).join(', ');
    expect(readConfig('deploy', env({ ...base, 'target-groups': fifty })).targetGroups).toHaveLength(50);
    expect(() => readConfig('deploy', env({ ...base, 'target-groups': `${fifty}, extra` }))).toThrow(
      /Input 'target-groups'.*at most 50 target groups \(51 given\)/,
    );
    expect(() =>
      readConfig(
        'deploy',
        env({ ...base, 'target-groups': 'web, arn:aws:elasticloadbalancing:us-east-1:1:tg' }),
      ),
    ).toThrow(/Input 'target-groups'.*target-group ARN such as/);
    expect(() =>
      readConfig('deploy', env({ ...base, 'target-groups': `web, ${arn(1, 'eu-west-1')}` })),
    ).toThrow(/Input 'target-groups'.*is in eu-west-1.*step's region \(us-east-1\)/);
  });

  it('reads listener-arn and traffic-steps', () => {
    const config = readConfig(
      'deploy',
      env({ ...base, 'listener-arn': LISTENER, 'traffic-steps': '10, 50, 100' }),
    );
    expect(config).toMatchObject({ listenerArn: LISTENER, trafficSteps: [10, 50, 100] });
  });

  it('refuses what blue-green cannot do (yet) and blue-green inputs on other strategies', () => {
    expect(() => readConfig('deploy', env({ ...base, asg: 'a\nb' }))).toThrow(
      /Input 'asg'.*exactly one name/,
    );
    expect(() => readConfig('deploy', env({ ...base, asg: 'eu-west-1:a' }))).toThrow(
      /Input 'asg'.*no region: prefix/,
    );
    expect(() =>
      readConfig('deploy', env({ ...base, 'listener-arn': 'arn:x', 'traffic-steps': '100' })),
    ).toThrow(/Input 'listener-arn'.*listener ARN such as/);
    expect(() => readConfig('deploy', env({ ...base, 'listener-arn': LISTENER }))).toThrow(
      /Input 'traffic-steps'.*listener-arn and traffic-steps go together/,
    );
    expect(() => readConfig('deploy', env({ ...base, 'traffic-steps': '10,100' }))).toThrow(
      /Input 'listener-arn'.*go together/,
    );
    expect(() =>
      readConfig('deploy', env({ ...base, 'listener-arn': LISTENER, 'traffic-steps': '10,50' })),
    ).toThrow(/Input 'traffic-steps'.*ending at 100/);
    expect(() =>
      readConfig(
        'deploy',
        env({ ...base, 'listener-arn': LISTENER.replace('us-east-1', 'eu-west-1'), 'traffic-steps': '100' }),
      ),
    ).toThrow(/Input 'listener-arn'.*step's region \(us-east-1\)/);
    expect(() => readConfig('deploy', env({ ...base, checkpoints: '50,100' }))).toThrow(
      /Input 'checkpoints'.*canary, not blue-green/,
    );
    expect(() => readConfig('deploy', env({ ...base, 'green-asg': 'web' }))).toThrow(
      /Input 'green-asg'.*other than asg/,
    );
    expect(() => readConfig('deploy', env({ ...base, strategy: 'rolling', 'keep-old': '1h' }))).toThrow(
      /Input 'keep-old'.*belongs to strategy: blue-green/,
    );
    expect(() =>
      readConfig('rollback', env({ mode: 'rollback', asg: 'a,b', strategy: 'blue-green' })),
    ).toThrow(/Input 'asg'.*rolls back one group/);
    expect(() =>
      readConfig('rollback', env({ mode: 'rollback', asg: 'web', 'listener-arn': LISTENER })),
    ).toThrow(/Input 'listener-arn'.*belongs to strategy: blue-green/);
    expect(
      readConfig(
        'rollback',
        env({ mode: 'rollback', asg: 'web', strategy: 'blue-green', 'listener-arn': LISTENER }),
      ),
    ).toMatchObject({ strategy: 'blue-green', listenerArn: LISTENER });
  });

  it('names colours by suffix only', () => {
    expect(colourOf('web-blue')).toBe('blue');
    expect(colourOf('web-green')).toBe('green');
    expect(colourOf('web')).toBeUndefined();
    expect(colourOf('web-greenish')).toBeUndefined();
  });
});
