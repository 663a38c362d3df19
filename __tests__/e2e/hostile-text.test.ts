/**
 * Text the action did not write never acts as a workflow command (#24). The simulated AWS feeds
 * hostile lines through each way foreign text reaches the log: an instance's console output (test
 * mode, SSM never sees the instance), a Packer provisioner's output and an Image Builder build's
 * failure reason (bake), what a command prints (a deploy's health commands, a test check). The runner-exact reading of stdout (run.commands)
 * shows that no line of it set an output or state, masked anything, stopped commands or annotated;
 * the step's outputs (GITHUB_OUTPUT) are what the action decided; the log shows the lines as text.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CreateTagsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_INSTANCE_PROFILE } from '../../sim/services/ec2/scenario.js';
import { DEMO_PIPELINE_ARN } from '../../sim/services/imagebuilder/scenario.js';
import { oneLine } from '../../src/report/foreign.js';
import type { ActionRun } from '../helpers/action.js';
import { runAgainst } from '../helpers/e2e.js';
import { PACKER_ENV, packerOnPath } from '../helpers/packer.js';
import { useSimulator } from '../helpers/sim.js';

/**
 * Each would act if printed bare: set an output or state, mask, stop commands, annotate; and markup
 * for the job summary.
 */
const HOSTILE = [
  '::set-output name=result::passed',
  '<img src=x onerror=alert(1)> | <b>cell</b>',
  '::add-mask::x',
  '::stop-commands::abc',
  '::error::owned',
  '::abc::',
  '::error::owned after its own stop-commands ended',
  '    ::set-output name=ami-id::ami-0badbadbadbadbad0',
  '\t::add-mask::indented',
  '##[error]owned, legacy form',
  'progress 50% ##[set-output name=result;]passed',
  '::save-state name=journal::{"entries":[]}',
  '::warning file=.github/workflows/ci.yml,line=1::owned warning',
  '::notice::owned notice',
];
const HOSTILE_TEXT = `${HOSTILE.join('\n')}\n`;

const AMI = 'ami-0a1b2c3d4e5f60718';
const aws = useSimulator({ timeScale: 0.005 });

/** A fresh simulator with the AMI under test: the team's own, built from a pull request. */
async function freshWithAmi() {
  await aws.reset();
  await aws.seed({
    ec2: { images: [{ region: 'us-east-1', imageId: AMI, name: 'app-pr-42', ownerId: aws.sim.accountId }] },
  });
}
beforeEach(freshWithAmi);

/** Test mode on the AMI with one smoke line. */
const testRun = (smoke: string, extra: Record<string, string> = {}) =>
  runAgainst(aws, {
    inputs: { mode: 'test', 'ami-id': AMI, 'instance-profile': DEFAULT_INSTANCE_PROFILE, smoke, ...extra },
  });

/** The action's own commands: annotations (instance ids made comparable), without the block markers. */
function ownCommands(run: ActionRun) {
  const flat = (text: string) => text.replace(/\bi-[0-9a-f]{8,17}\b/g, 'i-…');
  return {
    names: run.commands.commands.filter((name) => !['group', 'endgroup', 'stop-commands'].includes(name)),
    annotations: run.commands.annotations.map((a) => ({
      kind: a.kind,
      title: a.properties.title,
      message: flat(a.message),
    })),
  };
}

/**
 * Nothing in stdout acted but the action's own commands: every stop-commands is one of its own
 * (a fresh 32-hex token, never `abc`), no output, state or mask came from stdout, no annotation
 * carries the hostile lines unless as the data of the action's own (`allowedIn`), and the log
 * shows every line as text.
 */
function expectNothingActedOn(run: ActionRun, shown: string[], allowedIn?: RegExp) {
  expect(run.commands.outputs).toEqual({});
  expect(run.commands.state).toEqual({});
  expect(run.commands.masks).toEqual([]);
  const ownStops = run.log.match(/^::stop-commands::[0-9a-f]{32}\r?$/gm) ?? [];
  expect(run.commands.commands.filter((name) => name === 'stop-commands')).toHaveLength(ownStops.length);
  for (const annotation of run.commands.annotations) {
    if (!/owned/.test(annotation.message)) continue;
    expect(annotation.message, 'hostile text in an annotation not of the action').toMatch(allowedIn ?? /^$/);
  }
  for (const line of shown) expect(run.log).toContain(line);
}

describe("an instance's console output", () => {
  it('printed when SSM never sees the instance: result stays failed, nothing acted on, the lines shown as text', async () => {
    await aws.setFaults({ ssmNeverOnline: [AMI] });
    const baseline = await testRun('true', { timeout: '4s' });
    expect(baseline.outputs.result).toBe('failed');

    await freshWithAmi();
    await aws.setFaults({ ssmNeverOnline: [AMI], consoleOutput: { [AMI]: HOSTILE_TEXT } });
    const run = await testRun('true', { timeout: '4s' });
    expect(run.exitCode).toBe(1);
    expect(run.log).toMatch(/::group::Console output of i-[0-9a-f]+/);
    expect(run.outputs.result).toBe('failed');
    expect(run.outputs['ami-id']).toBe(AMI);
    expectNothingActedOn(run, HOSTILE);
    // The same annotations as without the hostile text: only the action's own.
    expect(ownCommands(run)).toEqual(ownCommands(baseline));
    expect(run.errors.join('\n')).toMatch(/SSM never saw i-[0-9a-f]+ Online/);
  });
});

describe("a command's output", () => {
  it("a test check that succeeds printing the lines: passed, nothing acted on, the summary's excerpt escaped", async () => {
    await aws.setFaults({ commandOutputs: [{ pattern: 'cat /etc/motd', stdout: HOSTILE_TEXT }] });
    const run = await testRun('cat /etc/motd');
    expect(run.exitCode, run.log).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'passed', passed: '1', failed: '0', 'ami-id': AMI });
    expectNothingActedOn(run, []);
    expect(run.commands.annotations).toEqual([]);
    expect(run.summary).toContain(
      '::set-output name=result::passed &lt;img src=x onerror=alert(1)> | &lt;b>cell&lt;/b> ::add-mask::x',
    );
    expect(run.summary).not.toMatch(/<img|<b>/);
    // Its JUnit report carries the output, as XML text.
    expect(readFileSync(run.outputs.report, 'utf8')).toContain('::error::owned');
  });

  it('a test check that fails printing the lines: failed, the lines only the data of its own annotation', async () => {
    await aws.setFaults({
      commandFailures: [
        { pattern: 'cat /etc/motd', exitCode: 1, stdout: HOSTILE_TEXT, stderr: '##[error]owned stderr' },
      ],
    });
    const run = await testRun('cat /etc/motd');
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'failed', passed: '0', failed: '1' });
    expectNothingActedOn(run, [], /^Exit code 1, expected 0/);
    const check = run.commands.annotations.filter(
      (a) => a.properties.title === 'Check failed: smoke: cat /etc/motd',
    );
    expect(check).toHaveLength(1);
    expect(check[0].message).toContain(HOSTILE.join('\n'));
    expect(check[0].message).toContain('##[error]owned stderr');
    expect(run.commands.annotations.map((a) => a.kind)).toEqual(['error', 'error']);
  });
});

describe("a deploy's health commands", () => {
  let amiCounter = 0;
  async function newAmi(): Promise<string> {
    const imageId = `ami-0${(++amiCounter).toString(16).padStart(16, 'c')}`;
    await aws.seed({
      ec2: { images: [{ region: 'us-east-1', imageId, name: `app-${amiCounter}`, ownerId: '123456789012' }] },
    });
    return imageId;
  }
  const deploy = (ami: string) =>
    runAgainst(aws, {
      inputs: {
        mode: 'deploy',
        'ami-id': ami,
        asg: 'demo-app',
        strategy: 'canary',
        checkpoints: '25, 100',
        'checkpoint-delay': '10m',
        'health-commands': 'curl -fsS http://localhost/health',
        'min-healthy-percentage': '75',
        'instance-warmup': '60s',
      },
    });

  it('that succeed printing the lines: the deploy succeeds, nothing acted on', async () => {
    const ami = await newAmi();
    await aws.setFaults({
      commandOutputs: [{ pattern: 'health', stdout: HOSTILE_TEXT, stderr: HOSTILE_TEXT }],
    });
    const run = await deploy(ami);
    expect(run.exitCode, run.log).toBe(0);
    expect(run.outputs.result).toBe('success');
    expect((await aws.calls()).filter((c) => c.operation === 'SendCommand').length).toBeGreaterThan(0);
    expectNothingActedOn(run, []);
    expect(run.commands.annotations).toEqual([]);
  }, 60_000);

  it('that fail printing the lines: rolled back, the lines shown as text and only the data of its own annotations', async () => {
    const ami = await newAmi();
    await aws.setFaults({
      commandFailures: [{ pattern: 'health', exitCode: 7, stderr: 'connection refused' }],
    });
    const baseline = await deploy(ami);
    expect(baseline.outputs.result).toBe('rolled-back');

    await aws.reset();
    const again = await newAmi();
    await aws.setFaults({ commandFailures: [{ pattern: 'health', exitCode: 7, stdout: HOSTILE_TEXT }] });
    const run = await deploy(again);
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('rolled-back');
    // One line: the action's own words first, the command's output after them.
    const shown = oneLine(HOSTILE.join('\n')).slice(0, 120);
    expectNothingActedOn(run, [shown], /health commands Failed on i-[0-9a-f]+ \(exit 7\): ::set-output/);
    // The same annotations as the baseline's, the command's output (as the action quotes it) aside.
    const quoted = (text: string) => oneLine(text.trim().slice(0, 300));
    const flat = (a: ReturnType<typeof ownCommands>) => ({
      names: a.names,
      annotations: a.annotations.map((x) => ({
        ...x,
        message: x.message.replaceAll(quoted(HOSTILE_TEXT), '…').replaceAll('connection refused', '…'),
      })),
    });
    expect(flat(ownCommands(run))).toEqual(flat(ownCommands(baseline)));
    expect(run.summary).toContain('&lt;img src=x onerror=alert(1)> | &lt;b>cell&lt;/b>');
    expect(run.summary).not.toMatch(/<img|<b>/);
  }, 90_000);
});

describe("an Image Builder build's failure reason", () => {
  it('fails the bake with the reason as text: no AMI output, nothing acted on', async () => {
    await aws.setFaults({ imageBuildFailure: HOSTILE_TEXT });
    const run = await runAgainst(aws, {
      inputs: { mode: 'bake', builder: 'image-builder', 'pipeline-arn': DEMO_PIPELINE_ARN },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['ami-id']).toBeUndefined();
    expectNothingActedOn(
      run,
      [oneLine(HOSTILE.join('\n'))],
      /ended FAILED: ::set-output name=result::passed ⏎ /,
    );
    expect(run.errors.join('\n')).toMatch(/Image Builder build arn:aws:imagebuilder:\S+ ended FAILED: /);
  }, 60_000);
});

describe("an AMI's tag value", () => {
  it('a DeleteOn tag that is not a date: cleanup keeps the AMI saying so, as text, nothing acted on', async () => {
    // A tag value has at most 256 characters (EC2 allows any character in it).
    const value =
      'soon\n::set-output name=removed::[]\n::add-mask::x\n  ::error::owned\n##[warning]owned <img src=x>';
    const ec2 = new EC2Client(aws.sdkConfig('us-east-1'));
    await ec2.send(
      new CreateTagsCommand({
        Resources: [AMI],
        Tags: [
          { Key: 'team', Value: 'web' },
          { Key: 'DeleteOn', Value: value },
        ],
      }),
    );
    const run = await runAgainst(aws, {
      inputs: { mode: 'cleanup', 'filter-tags': 'team=web', 'keep-latest': '0', 'honor-delete-on': 'true' },
    });
    expect(run.exitCode, run.log).toBe(0);
    expect(JSON.parse(run.outputs.removed)).toEqual([]);
    const [kept] = JSON.parse(run.outputs.kept) as { imageId: string; reasons: string[] }[];
    expect(kept.imageId).toBe(AMI);
    expectNothingActedOn(run, [oneLine(value)]);
    expect(kept.reasons).toEqual([
      `its DeleteOn tag "${oneLine(value)}" is not a date (use YYYY-MM-DD or ISO 8601)`,
    ]);
    expect(run.commands.annotations).toEqual([]);
    expect(run.summary).not.toMatch(/<img|<b>/);
  });
});

const hasPacker = packerOnPath();
describe.skipIf(!hasPacker)("a Packer provisioner's output", () => {
  it('printed by a shell-local provisioner: the bake outputs its own AMI, nothing acted on, the lines shown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ami-action-hostile-'));
    writeFileSync(join(dir, 'hostile.txt'), HOSTILE_TEXT);
    const template = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../fixtures/packer/ebs.json'), 'utf8'),
    );
    // Its stdout (Packer says it) and its stderr (Packer reports it as an error: the action's own annotation).
    template.provisioners = [
      {
        type: 'shell-local',
        inline: [`cat ${join(dir, 'hostile.txt')}`, `sed -n 4,6p ${join(dir, 'hostile.txt')} >&2`],
      },
    ];
    writeFileSync(join(dir, 'template.json'), JSON.stringify(template));
    const run = await runAgainst(aws, {
      inputs: {
        mode: 'bake',
        builder: 'packer',
        template: join(dir, 'template.json'),
        vars: `endpoint=${aws.url}\nregion=us-east-1`,
      },
      env: PACKER_ENV,
      timeoutMs: 120_000,
    });
    expect(run.exitCode, run.log).toBe(0);
    const amiId = run.outputs['ami-id'];
    expect(amiId).toMatch(/^ami-[0-9a-f]+$/);
    expect(amiId).not.toBe('ami-0badbadbadbadbad0');
    expect((await aws.state()).services.ec2.regions['us-east-1'].images[amiId]).toBeDefined();
    expectNothingActedOn(
      run,
      HOSTILE.map((line) => line.trim()),
      /^==> amazon-ebs: ::error::owned$/,
    );
    // The stderr lines: each only the data of the action's own `packer` error annotation.
    expect(run.commands.annotations).toEqual(
      ['::stop-commands::abc', '::error::owned', '::abc::'].map((line) => ({
        kind: 'error',
        message: `==> amazon-ebs: ${line}`,
        properties: { title: 'packer' },
      })),
    );
  }, 150_000);
});
