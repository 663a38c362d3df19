import { describe, expect, it } from 'vitest';
import {
  parseAmiId,
  parseArn,
  parseBoolean,
  parseDuration,
  parseKeyValues,
  parseLines,
  parseList,
  parsePercentages,
  parseRegion,
  partitionOf,
} from '../../src/inputs/parse.js';

describe('durations', () => {
  it.each([
    ['90s', 90],
    ['15m', 900],
    ['2h', 7200],
    ['90d', 7_776_000],
    ['1h30m', 5400],
    ['500ms', 0.5],
    ['45', 45],
    [' 2H ', 7200],
  ])('%s is %d seconds', (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  it.each(['5 parsecs', '', 'm', '10x', '1h 3', '-5s'])('rejects %j', (text) =>
    expect(() => parseDuration(text)).toThrow(/duration such as 90s/),
  );
});

describe('booleans are YAML 1.2 core schema', () => {
  it.each(['true', 'True', 'TRUE'])('%s is true', (text) => expect(parseBoolean(text)).toBe(true));
  it.each(['false', 'False', 'FALSE'])('%s is false', (text) => expect(parseBoolean(text)).toBe(false));
  it.each(['maybe', 'yes', 'on', '1', ''])('rejects %j', (text) =>
    expect(() => parseBoolean(text)).toThrow(/true or false/),
  );
});

describe('lists and lines', () => {
  it('splits list inputs on commas and newlines', () => {
    expect(parseList('eu-west-1, ap-southeast-2\nus-west-2,\n')).toEqual([
      'eu-west-1',
      'ap-southeast-2',
      'us-west-2',
    ]);
  });
  it('never splits command lines on commas', () => {
    expect(parseLines('echo a,b\n\n  systemctl is-active sshd, chronyd  \n# comment')).toEqual([
      'echo a,b',
      'systemctl is-active sshd, chronyd',
    ]);
  });
  it('keeps = and commas in values of key=value lines', () => {
    expect(parseKeyValues('Team=platform, infra\nQuery=a=b')).toEqual([
      ['Team', 'platform, infra'],
      ['Query', 'a=b'],
    ]);
    expect(() => parseKeyValues('novalue')).toThrow(/key=value/);
  });
});

describe('AWS identifiers', () => {
  it.each(['us-east-1', 'eu-central-2', 'ap-southeast-4', 'cn-north-1', 'us-gov-west-1', 'il-central-1'])(
    'accepts region %s',
    (region) => expect(parseRegion(region)).toBe(region),
  );
  it.each(['mars-1', 'us-east', 'US-EAST-1', 'us_east_1', ''])('rejects region %j', (region) =>
    expect(() => parseRegion(region)).toThrow(/region code/),
  );
  it('knows the partition of a region', () => {
    expect(partitionOf('cn-northwest-1')).toBe('aws-cn');
    expect(partitionOf('us-gov-east-1')).toBe('aws-us-gov');
    expect(partitionOf('eu-west-1')).toBe('aws');
  });
  it('validates AMI ids', () => {
    expect(parseAmiId('ami-0123456789abcdef0')).toBe('ami-0123456789abcdef0');
    expect(parseAmiId('ami-12345678')).toBe('ami-12345678');
    expect(() => parseAmiId('ami-XYZ')).toThrow(/AMI id/);
  });
  it('tells organization and OU ARNs apart', () => {
    const org = 'arn:aws:organizations::123456789012:organization/o-a1b2c3d4e5';
    const ou = 'arn:aws:organizations::123456789012:ou/o-a1b2c3d4e5/ou-ab12-cdef3456';
    expect(parseArn('organization', org)).toBe(org);
    expect(parseArn('organizational-unit', ou)).toBe(ou);
    expect(() => parseArn('organization', ou)).toThrow(/organization ARN such as/);
    expect(() => parseArn('organizational-unit', org)).toThrow(/organizational-unit ARN/);
  });
});

describe('percentages', () => {
  it('accepts ascending checkpoints ending at 100', () =>
    expect(parsePercentages('10, 50,100')).toEqual([10, 50, 100]));
  it.each(['50,10,100', '10,50', '0,100', '10,50,101', '10.5,100'])('rejects %j', (text) =>
    expect(() => parsePercentages(text)).toThrow(/ascending/),
  );
});
