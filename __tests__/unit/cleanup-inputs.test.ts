import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/inputs.js';

const env = (inputs: Record<string, string>) => {
  const result: Record<string, string> = { AWS_REGION: 'us-east-1' };
  for (const [name, value] of Object.entries(inputs)) result[`INPUT_${name.toUpperCase()}`] = value;
  return result;
};
const read = (inputs: Record<string, string>) => readConfig('cleanup', env({ mode: 'cleanup', ...inputs }));

describe('cleanup inputs', () => {
  it('is a dry-run by default, keeps the 3 newest, and reads the selection', () => {
    const config = read({
      'name-prefix': 'app-',
      'filter-tags': 'team=web\nenv=prod',
      regions: 'us-east-1, eu-west-1',
    });
    expect(config).toMatchObject({
      dryRun: true,
      keepLatest: 3,
      namePrefix: 'app-',
      filterTags: [
        ['team', 'web'],
        ['env', 'prod'],
      ],
      regions: ['us-east-1', 'eu-west-1'],
      honorDeleteOn: false,
      orphanSnapshots: false,
      includeShared: false,
      ssmParameters: [],
    });
    expect(config.olderThan).toBeUndefined();
    expect(read({ 'filter-tags': 'app=web', 'older-than': '90d', 'dry-run': 'false' })).toMatchObject({
      olderThan: 90 * 86400,
      dryRun: false,
    });
  });

  it('refuses regions of another partition than region: one step reaches one partition', () => {
    expect(() => read({ 'name-prefix': 'app-', regions: 'eu-west-1, cn-northwest-1' })).toThrow(
      /Input 'regions': got "eu-west-1, cn-northwest-1". cn-northwest-1 is not in the partition of region us-east-1 \(aws\).*own step/,
    );
    expect(read({ 'name-prefix': 'app-', regions: 'eu-west-1' }).regions).toEqual(['eu-west-1']);
  });

  it('checks each of ssm-parameters as a Parameter Store name, naming the bad one', () => {
    expect(
      read({ 'name-prefix': 'app-', 'ssm-parameters': '/app/ami, /app/ami\n/web/ami' }).ssmParameters,
    ).toEqual(['/app/ami', '/web/ami']);
    expect(() => read({ 'name-prefix': 'app-', 'ssm-parameters': '/app/ami, /aws/service/x' })).toThrow(
      /Input 'ssm-parameters': .*"\/aws\/service\/x": Use a Parameter Store name/,
    );
    expect(() => read({ 'name-prefix': 'app-', 'ssm-parameters': `/app/${'a'.repeat(960)}` })).toThrow(
      /Input 'ssm-parameters': .*at most 955/,
    );
  });

  it('needs ami-id or a selection: never every AMI of the account', () => {
    expect(() => read({})).toThrow(/cleanup needs ami-id \(one AMI\) or a selection/);
    expect(() => read({ 'keep-latest': '2', 'older-than': '30d' })).toThrow(/or a selection/);
  });

  it('takes ami-id alone, not with a selection or other regions', () => {
    expect(read({ 'ami-id': 'ami-0123456789abcdef0' }).amiId).toBe('ami-0123456789abcdef0');
    expect(() => read({ 'ami-id': 'ami-0123456789abcdef0', 'name-prefix': 'app-' })).toThrow(
      /Input 'name-prefix'.*either ami-id .* or a selection/,
    );
    expect(() => read({ 'ami-id': 'ami-0123456789abcdef0', regions: 'eu-west-1' })).toThrow(
      /Input 'regions'.*AMI ids are regional/,
    );
    expect(() => read({ 'ami-id': 'ami-nothex' })).toThrow(/Input 'ami-id': got "ami-nothex"/);
  });

  it('rejects wildcards in name-prefix and bad numbers', () => {
    expect(() => read({ 'name-prefix': 'app-*' })).toThrow(/without wildcards/);
    expect(() => read({ 'name-prefix': 'app-', 'keep-latest': '-1' })).toThrow(/Input 'keep-latest'/);
    expect(() => read({ 'name-prefix': 'app-', 'older-than': 'old' })).toThrow(/Input 'older-than'/);
  });
});
