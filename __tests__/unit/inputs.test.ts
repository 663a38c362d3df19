import { describe, expect, it } from 'vitest';
import { InputError, readConfig, readMode } from '../../src/inputs.js';

const env = (inputs: Record<string, string>, extra: Record<string, string> = {}) => {
  const result: Record<string, string> = { ...extra };
  for (const [name, value] of Object.entries(inputs)) result[`INPUT_${name.toUpperCase()}`] = value;
  return result;
};

describe('readMode', () => {
  it('lists the modes when the mode is unknown or missing', () => {
    expect(() => readMode(env({ mode: 'nonsense' }))).toThrow(
      'Input \'mode\': got "nonsense". Use one of: bake, test, publish, deploy, rollback, cleanup.',
    );
    expect(() => readMode({})).toThrow(/Input 'mode': nothing was given/);
  });
});

/** The least mode test needs beside the common inputs. */
const TEST = { mode: 'test', 'ami-id': 'ami-0abcdef1234567890', smoke: 'true' };

describe('common inputs', () => {
  it('takes the region from AWS_REGION, then AWS_DEFAULT_REGION, when the input is empty', () => {
    expect(readConfig('test', env({ ...TEST }, { AWS_REGION: 'eu-west-1' })).region).toBe('eu-west-1');
    expect(readConfig('test', env({ ...TEST, region: '' }, { AWS_DEFAULT_REGION: 'us-west-2' })).region).toBe(
      'us-west-2',
    );
    expect(
      readConfig('test', env({ ...TEST, region: 'ap-south-1' }, { AWS_REGION: 'eu-west-1' })).region,
    ).toBe('ap-south-1');
  });

  it('says where a missing region can come from', () => {
    expect(() => readConfig('test', env({ ...TEST }))).toThrow(/Input 'region'.*AWS_REGION/);
  });

  it('applies defaults that differ by mode', () => {
    const base = { AWS_REGION: 'us-east-1' };
    expect(readConfig('cleanup', env({ mode: 'cleanup', 'name-prefix': 'app-' }, base)).dryRun).toBe(true);
    expect(
      readConfig('publish', env({ mode: 'publish', 'ami-id': 'ami-0123456789abcdef0' }, base)).dryRun,
    ).toBe(false);
    expect(readConfig('test', env({ ...TEST, timeout: '15m' }, base)).timeout).toBe(900);
  });

  it('reports every bad input at once, each by name', () => {
    let error: Error | undefined;
    try {
      readConfig('test', env({ ...TEST, region: 'mars-1', timeout: '5 parsecs', 'dry-run': 'maybe' }));
    } catch (caught) {
      error = caught as Error;
    }
    expect(error?.name).toBe('InputError');
    expect(error?.message).toContain('Input \'region\': got "mars-1"');
    expect(error?.message).toContain('Input \'timeout\': got "5 parsecs"');
    expect(error?.message).toContain('Input \'dry-run\': got "maybe"');
  });

  it('raises InputError naming a single bad input', () => {
    expect(() =>
      readConfig('test', env({ ...TEST, 'poll-interval': 'often' }, { AWS_REGION: 'us-east-1' })),
    ).toThrow(InputError);
  });
});

describe('bake and test: fingerprint inputs', () => {
  const BAKE = { mode: 'bake', builder: 'packer', template: 'app.pkr.hcl' };
  const region = { AWS_REGION: 'us-east-1' };

  it('skip-if-unchanged is off by default; name-prefix only goes with it, without wildcards', () => {
    const config = readConfig('bake', env(BAKE, region));
    expect(config.skipIfUnchanged).toBe(false);
    expect(config.namePrefix).toBeUndefined();
    expect(
      readConfig('bake', env({ ...BAKE, 'skip-if-unchanged': 'true', 'name-prefix': 'app-' }, region))
        .namePrefix,
    ).toBe('app-');
    expect(() => readConfig('bake', env({ ...BAKE, 'name-prefix': 'app-' }, region))).toThrow(
      /Input 'name-prefix'.*set skip-if-unchanged: true/,
    );
    expect(() =>
      readConfig('bake', env({ ...BAKE, 'skip-if-unchanged': 'true', 'name-prefix': 'app-*' }, region)),
    ).toThrow(/Input 'name-prefix'.*without wildcards/);
  });

  it('max-base-age is a duration, none by default', () => {
    expect(readConfig('test', env(TEST, region)).maxBaseAge).toBeUndefined();
    expect(readConfig('test', env({ ...TEST, 'max-base-age': '30d' }, region)).maxBaseAge).toBe(2_592_000);
    expect(() => readConfig('test', env({ ...TEST, 'max-base-age': 'a month' }, region))).toThrow(
      /Input 'max-base-age'/,
    );
  });
});
