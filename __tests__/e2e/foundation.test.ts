import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE24, runAction } from '../helpers/action.js';
import { startRecorder } from '../helpers/recorder.js';

let recorder: Awaited<ReturnType<typeof startRecorder>>;
beforeAll(async () => {
  recorder = await startRecorder();
});
afterAll(() => recorder.stop());

const awsEnv = () => ({
  AWS_ENDPOINT_URL: recorder.url,
  AWS_ACCESS_KEY_ID: 'AKIDTEST',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_REGION: 'us-east-1',
});

describe.each([
  ['node 20', process.execPath],
  ['node 24', NODE24],
])('dist/index.js under %s', (_, node) => {
  it('fails an unknown mode with the list of modes', async () => {
    const run = await runAction({ node, inputs: { mode: 'nonsense' }, env: awsEnv() });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      'Input \'mode\': got "nonsense". Use one of: bake, test, publish, deploy, rollback, cleanup.',
    ]);
  });

  it('fails a missing mode the same way', async () => {
    const run = await runAction({ node, env: awsEnv() });
    expect(run.exitCode).toBe(1);
    expect(run.errors[0]).toMatch(/^Input 'mode': nothing was given\. Use one of: bake, test/);
  });
});

describe('bad common inputs fail before any AWS call', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['region', { region: 'mars-1' }, /Input 'region': got "mars-1"\. Use an AWS region code/],
    ['timeout', { timeout: '5 parsecs' }, /Input 'timeout': got "5 parsecs"\. Use a duration/],
    ['dry-run', { 'dry-run': 'maybe' }, /Input 'dry-run': got "maybe"\. Use true or false/],
    ['poll-interval', { 'poll-interval': 'often' }, /Input 'poll-interval': got "often"/],
    ['region (blank, no AWS_REGION)', { region: ' ' }, /Input 'region': nothing was given.*AWS_REGION/],
  ];
  it.each(cases)('%s', async (name, inputs, message) => {
    const before = recorder.requests.length;
    const env: Record<string, string | undefined> = awsEnv();
    if (name.startsWith('region (blank')) env.AWS_REGION = undefined;
    for (const mode of ['bake', 'test', 'publish', 'deploy', 'rollback', 'cleanup']) {
      const run = await runAction({ inputs: { mode, ...inputs }, env });
      expect(run.exitCode, mode).toBe(1);
      expect(run.errors.join('\n'), mode).toMatch(message);
    }
    expect(recorder.requests.length).toBe(before);
  });
});

describe('post step', () => {
  it('does nothing when the main step never got as far as choosing a mode', async () => {
    const run = await runAction({ postState: { isPost: 'true' }, env: awsEnv() });
    expect(run.exitCode).toBe(0);
    expect(run.errors).toEqual([]);
  });
});
