/**
 * Every mode under its own least-privilege policy (docs/iam/<mode>.json), enforced by the simulator:
 * - each policy's representative cases pass under it;
 * - every action of every statement is granted to some case (no dead weight);
 * - without any one statement, a case that used it fails, and the failure names an action of that
 *   statement (in the action's own error; for Packer, which retries denied calls silently, in the
 *   denial the simulator answered it).
 * Runs are independent, so they share a pool of simulators and overlap (they mostly wait).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  AttachTrafficSourcesCommand,
  AutoScalingClient,
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
  EnableMetricsCollectionCommand,
  PutScalingPolicyCommand,
  PutScheduledUpdateGroupActionCommand,
  PutWarmPoolCommand,
  SetInstanceProtectionCommand,
  StartInstanceRefreshCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  CopyImageCommand,
  CreateLaunchTemplateVersionCommand,
  CreateTagsCommand,
  DeregisterImageCommand,
  EC2Client,
  ModifyImageAttributeCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateRuleCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateRuleCommand as CreateRbinRuleCommand, RbinClient } from '@aws-sdk/client-rbin';
import { LabelParameterVersionCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { beforeAll, describe, expect, it } from 'vitest';
import { DURATIONS } from '../../sim/core/time.js';
import { policyUsage } from '../../sim/iam/enforce.js';
import type { PolicyDocument, Statement } from '../../sim/iam/policy.js';
import { actionMatches } from '../../sim/iam/wildcard.js';
import { CONSUMER_ROLE, consumerRoleArn, WORKLOAD_ACCOUNTS } from '../../sim/index.js';
import { stableId } from '../../sim/services/ec2/ids.js';
import { DEFAULT_BASE_AMI_ID, DEFAULT_INSTANCE_PROFILE } from '../../sim/services/ec2/scenario.js';
import { DEMO_PIPELINE_ARN } from '../../sim/services/imagebuilder/scenario.js';
import { AL2023_X86_PARAMETER } from '../../sim/services/ssm/scenario.js';
import type { RunOptions } from '../helpers/action.js';
import { runAgainst, runWithPostAgainst } from '../helpers/e2e.js';
import { PACKER_ENV, packerOnPath, packerWorkspace } from '../helpers/packer.js';
import { type SimHandle, useSimulator } from '../helpers/sim.js';

const POOL = Array.from({ length: 4 }, () => useSimulator({ timeScale: 0.001 }));
/** For cases that act in the middle of a wait: simulated time 20 times slower, so a busy machine still hits it. */
const SLOW_POOL = [useSimulator({ timeScale: 0.02 })];

interface Outcome {
  ok: boolean;
  /** What the run printed (main and post step), where a denial must be named. */
  text: string;
}

interface Case {
  name: string;
  /**
   * Seeds, faults, earlier steps: whatever the case needs before it runs (not under the policy).
   * What it returns (ids it made) is handed to `run`.
   */
  setup?: (aws: SimHandle) => Promise<Record<string, string> | undefined>;
  run: (aws: SimHandle, given: Record<string, string>) => Promise<Outcome>;
  /** The denial surfaces in another program (Packer), which may retry it for minutes. */
  external?: boolean;
  /** Runs on the slower simulator (the case signals the action mid-wait, or needs a simulated minute to outlast pacing). */
  slow?: boolean;
}

type Options = Omit<RunOptions, 'inputs'>;

/** Stops a run that keeps going a while after a denial (Packer retries denied calls for minutes). */
function stopAfterDenial(aws: SimHandle, options: Options, graceMs: number): Options {
  return {
    ...options,
    onSpawn: (child, output) => {
      options.onSpawn?.(child, output);
      let deniedAt: number | undefined;
      const timer = setInterval(() => {
        deniedAt ??= aws.sim.calls.some((c) => c.denied) ? Date.now() : undefined;
        if (deniedAt !== undefined && Date.now() - deniedAt > graceMs) {
          clearInterval(timer);
          child.kill('SIGINT');
        }
      }, 100);
      child.on('exit', () => clearInterval(timer));
    },
  };
}

/** Polls often: most of a run is waiting for the next poll. */
const FAST = { 'poll-interval': '200ms' };

const mainStep = async (aws: SimHandle, inputs: Record<string, string>, options: Options = {}) => {
  const run = await runAgainst(aws, {
    inputs: { ...FAST, ...inputs },
    ...stopAfterDenial(aws, options, 15_000),
  });
  return { ok: run.exitCode === 0, text: `${run.log}\n${run.errors.join('\n')}` };
};

const withPost = async (aws: SimHandle, inputs: Record<string, string>, options: Options = {}) => {
  const { main, post } = await runWithPostAgainst(aws, {
    inputs: { ...FAST, ...inputs },
    ...stopAfterDenial(aws, options, 15_000),
  });
  return {
    ok: main.exitCode === 0 && post.exitCode === 0,
    text: [main.log, ...main.errors, post.log, ...post.errors].join('\n'),
  };
};

const imageBuilderInputs = { mode: 'bake', builder: 'image-builder', 'pipeline-arn': DEMO_PIPELINE_ARN };

const bakePacker: Case = {
  name: 'bake with the real Packer',
  external: true,
  run: async (aws) => {
    const inputs = {
      mode: 'bake',
      builder: 'packer',
      template: resolve(import.meta.dirname, '../fixtures/packer/ebs-run-tagged.json'),
      vars: `endpoint=${aws.url}\nregion=us-east-1`,
    };
    const run = await runAgainst(aws, {
      inputs,
      env: PACKER_ENV,
      timeoutMs: 90_000,
      ...stopAfterDenial(aws, {}, 500),
    });
    return { ok: run.exitCode === 0, text: `${run.log}\n${run.errors.join('\n')}` };
  },
};

const bakePackerTwice: Case = {
  name: 'skip-if-unchanged: a second bake with nothing changed reuses the first AMI',
  external: true,
  run: async (aws) => {
    const cwd = packerWorkspace();
    const inputs = {
      mode: 'bake',
      builder: 'packer',
      template: 'packer/app.json',
      vars: `endpoint=${aws.url}`,
      'skip-if-unchanged': 'true',
    };
    const env = PACKER_ENV;
    const options = { cwd, inputs, env, timeoutMs: 90_000, ...stopAfterDenial(aws, {}, 500) };
    const first = await runAgainst(aws, options);
    const second = await runAgainst(aws, { ...options, env: { ...env, GITHUB_RUN_ID: '4343' } });
    return {
      ok: first.exitCode === 0 && second.exitCode === 0 && second.outputs.skipped === 'true',
      text: [first.log, ...first.errors, second.log, ...second.errors].join('\n'),
    };
  },
};

/**
 * Refuses the action's tag step: an explicit Deny of the fingerprint tag, after the statements of the
 * policy under test (their indexes unchanged). The bake's AMI is then left without its tags.
 */
async function refuseTheTagStep(aws: SimHandle): Promise<void> {
  const policy = aws.sim.policy as PolicyDocument;
  const deny: Statement = {
    Effect: 'Deny',
    Action: ['ec2:CreateTags'],
    Resource: ['*'],
    Condition: { 'ForAnyValue:StringLike': { 'aws:TagKeys': ['ami-action:inputs-hash'] } },
  };
  await aws.policy({ ...policy, Statement: [...policy.Statement, deny] });
}

/** Holds when the bake failed at its tag step and its undo deregistered the AMI (with its snapshots). */
function undoneUntagged(aws: SimHandle, exitCode: number | null, text: string): Outcome {
  const deregistered = aws.sim.calls.some((c) => c.operation === 'DeregisterImage' && c.outcome === 'ok');
  return {
    ok: exitCode !== 0 && deregistered && text.includes('Undone: deregistered the baked AMI'),
    text,
  };
}

const bakePackerTagStepRefused: Case = {
  name: 'the tag step is refused: the baked AMI is deregistered with its snapshots',
  run: async (aws) => {
    await refuseTheTagStep(aws);
    const inputs = {
      mode: 'bake',
      builder: 'packer',
      template: resolve(import.meta.dirname, '../fixtures/packer/ebs-run-tagged.json'),
      vars: `endpoint=${aws.url}\nregion=us-east-1`,
    };
    const run = await runAgainst(aws, {
      inputs,
      env: PACKER_ENV,
      timeoutMs: 90_000,
      ...stopAfterDenial(aws, {}, 15_000),
    });
    return undoneUntagged(aws, run.exitCode, `${run.log}\n${run.errors.join('\n')}`);
  },
};

const NIGHTLY_PIPELINE = 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/nightly';
const MANAGED_PARENT = 'arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86';

/** Bakes the nightly pipeline with skip-if-unchanged twice (two workflow runs); ok when the second reused the first AMI. */
async function bakeNightlyTwice(aws: SimHandle): Promise<Outcome> {
  const inputs = {
    ...FAST,
    mode: 'bake',
    builder: 'image-builder',
    'pipeline-arn': NIGHTLY_PIPELINE,
    'skip-if-unchanged': 'true',
  };
  const first = await runAgainst(aws, { inputs, env: { GITHUB_RUN_ID: '5001' } });
  const second = await runAgainst(aws, { inputs, env: { GITHUB_RUN_ID: '5002' } });
  return {
    ok:
      first.exitCode === 0 &&
      second.outputs.skipped === 'true' &&
      second.outputs['ami-id'] === first.outputs['ami-id'],
    text: [first.log, ...first.errors, second.log, ...second.errors].join('\n'),
  };
}

const testInputs = (more: Record<string, string> = {}) => ({
  mode: 'test',
  'ami-id': DEFAULT_BASE_AMI_ID,
  'instance-profile': DEFAULT_INSTANCE_PROFILE,
  smoke: 'systemctl is-active amazon-ssm-agent',
  ...more,
});

const SHARE_ACCOUNTS = '111122223333,444455556666';

/** An AMI of the account (encrypted with the customer managed key, or not), tested, as publish takes it. */
async function ownedAmiToPublish(aws: SimHandle, encrypted = true): Promise<string> {
  const ec2 = new EC2Client({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 });
  const { ImageId } = await ec2.send(
    new CopyImageCommand({
      SourceRegion: 'us-east-1',
      SourceImageId: DEFAULT_BASE_AMI_ID,
      Name: 'app-2026.11.29',
      ...(encrypted ? { Encrypted: true, KmsKeyId: 'alias/ami-action' } : {}),
    }),
  );
  await ec2.send(
    new CreateTagsCommand({ Resources: [ImageId!], Tags: [{ Key: 'ami-action:test', Value: 'passed' }] }),
  );
  await aws.advance(DURATIONS.copyImageSeconds);
  return ImageId!;
}

/** Four AMIs of the account, app-1 (oldest) to app-4, tagged with the run that baked them (and their snapshots). */
async function bakedAmis(aws: SimHandle): Promise<undefined> {
  const images = [1, 2, 3, 4].map((n) => ({
    region: 'us-east-1',
    imageId: stableId('ami', 'us-east-1', `app-${n}`),
    name: `app-${n}`,
    ownerId: '123456789012',
    public: false,
    creationDate: `2026-01-0${n}T12:00:00.000Z`,
  }));
  await aws.seed({ ec2: { images } });
  const snapshots = images.map((i) => stableId('snap', 'us-east-1', i.imageId));
  const ec2 = new EC2Client({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 });
  await ec2.send(
    new CreateTagsCommand({
      Resources: [...images.map((i) => i.imageId), ...snapshots],
      Tags: [{ Key: 'ami-action:run-id', Value: '4000-1' }],
    }),
  );
  return undefined;
}

const retireNightly = {
  mode: 'cleanup',
  'name-prefix': 'app-',
  'keep-latest': '1',
  stages: 'deprecate,disable,delete',
  'stage-delay': '1d',
  'include-shared': 'true',
  'dry-run': 'false',
};

async function shareImage(aws: SimHandle, imageId: string, account: string): Promise<void> {
  await new EC2Client({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 }).send(
    new ModifyImageAttributeCommand({ ImageId: imageId, LaunchPermission: { Add: [{ UserId: account }] } }),
  );
}

/** A Region-level Recycle Bin rule for AMIs: deregistered ones stay recoverable for 7 days. */
async function recycleBinRule(aws: SimHandle): Promise<void> {
  await new RbinClient({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 }).send(
    new CreateRbinRuleCommand({
      ResourceType: 'EC2_IMAGE',
      RetentionPeriod: { RetentionPeriodValue: 7, RetentionPeriodUnit: 'DAYS' },
    }),
  );
}

/** An AMI of the account for a deploy to roll out. */
async function ownAmi(aws: SimHandle, imageId = 'ami-0aaaaaaaaaaaaaaa1'): Promise<Record<string, string>> {
  await aws.seed({
    ec2: {
      images: [{ region: 'us-east-1', imageId, name: 'app-2', ownerId: '123456789012', public: false }],
    },
  });
  return { ami: imageId };
}

const deployInputs = (ami: string, more: Record<string, string> = {}) => ({
  mode: 'deploy',
  'ami-id': ami,
  asg: 'demo-app',
  'min-healthy-percentage': '50',
  'instance-warmup': '60s',
  ...more,
});

/**
 * What a blue-green deploy copies or moves beyond the group itself: a scaling policy and metrics
 * collection on demo-app, and a listener rule forwarding to the same weighted pair as the listener's
 * default action. Returns the listener.
 */
async function blueGreenExtras(aws: SimHandle): Promise<string> {
  const asg = new AutoScalingClient({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 });
  const elb = new ElasticLoadBalancingV2Client({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 });
  await asg.send(
    new PutScalingPolicyCommand({
      AutoScalingGroupName: 'demo-app',
      PolicyName: 'cpu50',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingConfiguration: {
        PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' },
        TargetValue: 50,
      },
    }),
  );
  await asg.send(
    new EnableMetricsCollectionCommand({ AutoScalingGroupName: 'demo-app', Granularity: '1Minute' }),
  );
  const lbs = await elb.send(new DescribeLoadBalancersCommand({ Names: ['demo-app'] }));
  const listeners = await elb.send(
    new DescribeListenersCommand({ LoadBalancerArn: lbs.LoadBalancers![0].LoadBalancerArn }),
  );
  const listener = listeners.Listeners![0].ListenerArn!;
  const tgs = await elb.send(new DescribeTargetGroupsCommand({ Names: ['demo-app', 'demo-app-green'] }));
  const [blue, green] = tgs.TargetGroups!.map((t) => t.TargetGroupArn!);
  await elb.send(
    new CreateRuleCommand({
      ListenerArn: listener,
      Priority: 5,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }],
      Actions: [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: blue, Weight: 100 },
              { TargetGroupArn: green, Weight: 0 },
            ],
          },
        },
      ],
    }),
  );
  return listener;
}

const blueGreenTraffic = (ami: string, listener: string, more: Record<string, string> = {}) => ({
  mode: 'deploy',
  strategy: 'blue-green',
  'ami-id': ami,
  asg: 'demo-app',
  'target-groups': 'demo-app',
  'listener-arn': listener,
  'traffic-steps': '50, 100',
  'checkpoint-delay': '1s',
  ...more,
});

/** publish into both workload accounts through their ami-consumer roles: copies, own key, parameter. */
const targetPublish = (source: string, more: Record<string, string> = {}) => ({
  mode: 'publish',
  'ami-id': source,
  tags: 'version=1.2.3',
  'copy-to-regions': 'eu-west-1',
  'kms-key-ids': 'eu-west-1=alias/ami-action',
  'target-accounts': WORKLOAD_ACCOUNTS.join(','),
  'target-role': `arn:aws:iam::{account}:role/${CONSUMER_ROLE}`,
  'copy-into-accounts': 'true',
  'target-kms-key': 'alias/ami',
  'ssm-parameter': '/golden/ami/app',
  ...more,
});

/**
 * `versions` (100 by default) labelled versions: the next write past 100 must move the oldest label.
 * `client` is asked again every few versions: at this time scale a role session lasts seconds.
 */
async function fullHistory(client: () => Promise<SSMClient>, name: string, versions = 100): Promise<void> {
  let ssm = await client();
  for (let version = 1; version <= versions; version++) {
    if (version % 10 === 0) ssm = await client();
    await ssm.send(
      new PutParameterCommand({
        Name: name,
        Value: DEFAULT_BASE_AMI_ID,
        Type: 'String',
        Overwrite: version > 1,
      }),
    );
    await ssm.send(
      new LabelParameterVersionCommand({ Name: name, ParameterVersion: version, Labels: [`v0.${version}`] }),
    );
  }
}

/**
 * demo-app launching the AMI an SSM parameter names (`resolve:ssm:/app/ami`), the parameter with
 * `versions` labelled versions of the base AMI (100: the next write must move a label).
 */
async function ssmImageGroup(aws: SimHandle, versions: number): Promise<void> {
  await fullHistory(
    async () => new SSMClient({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 }),
    '/app/ami',
    versions,
  );
  const ec2 = new EC2Client({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 });
  const made = await ec2.send(
    new CreateLaunchTemplateVersionCommand({
      LaunchTemplateName: 'demo-app',
      SourceVersion: '1',
      LaunchTemplateData: { ImageId: 'resolve:ssm:/app/ami' },
    }),
  );
  await new AutoScalingClient({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 }).send(
    new UpdateAutoScalingGroupCommand({
      AutoScalingGroupName: 'demo-app',
      LaunchTemplate: {
        LaunchTemplateName: 'demo-app',
        Version: String(made.LaunchTemplateVersion!.VersionNumber),
      },
    }),
  );
}

/** Protects the first `count` instances of demo-app from scale in. */
async function protect(aws: SimHandle, count: number): Promise<void> {
  const asg = new AutoScalingClient({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 });
  const demo = (await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['demo-app'] })))
    .AutoScalingGroups![0];
  await asg.send(
    new SetInstanceProtectionCommand({
      AutoScalingGroupName: 'demo-app',
      InstanceIds: demo.Instances!.slice(0, count).map((i) => i.InstanceId!),
      ProtectedFromScaleIn: true,
    }),
  );
}

/** demo-app with a warm pool, a scheduled action and a VPC Lattice traffic source. */
async function groupExtras(aws: SimHandle): Promise<void> {
  const asg = new AutoScalingClient({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 });
  await asg.send(
    new PutWarmPoolCommand({ AutoScalingGroupName: 'demo-app', MinSize: 1, MaxGroupPreparedCapacity: 6 }),
  );
  await asg.send(
    new PutScheduledUpdateGroupActionCommand({
      AutoScalingGroupName: 'demo-app',
      ScheduledActionName: 'nightly',
      Recurrence: '0 22 * * *',
      DesiredCapacity: 2,
    }),
  );
  await asg.send(
    new AttachTrafficSourcesCommand({
      AutoScalingGroupName: 'demo-app',
      TrafficSources: [
        {
          Identifier: 'arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/tg-0123456789abcdef0',
          Type: 'vpc-lattice',
        },
      ],
    }),
  );
}

/** Whether an UnlabelParameterVersion succeeded (in `account`, when given). */
const unlabelled = (aws: SimHandle, account?: string) =>
  aws.sim.calls.some(
    (c) =>
      c.operation === 'UnlabelParameterVersion' && c.outcome === 'ok' && (!account || c.account === account),
  );

/** A rollout that moved a label off the oldest parameter version and named a protected instance it left. */
const unlabelledNamingProtected = (aws: SimHandle, out: Outcome): Outcome => ({
  ok: out.ok && unlabelled(aws) && /protected from scale in still run an AMI other than/.test(out.text),
  text: out.text,
});

/** publish the AMI public in us-east-1 and a copy in eu-west-1. */
const publicPublish = (source: string) => ({
  mode: 'publish',
  'ami-id': source,
  'copy-to-regions': 'eu-west-1',
  public: 'true',
  'allow-public': 'true',
});

const publishAfterFailure = (source: string) => ({
  mode: 'publish',
  'ami-id': source,
  'copy-to-regions': 'eu-west-1, us-west-2',
  'share-with-accounts': '111122223333',
  'ssm-parameter': '/app/ami/prod',
});

/** Policy file -> the cases that run under it. */
const ALL_POLICIES: Record<string, Case[]> = {
  deploy: [
    {
      name: 'rolling: every instance ends on the new AMI, the new version made the default',
      setup: (aws) => ownAmi(aws),
      run: (aws, { ami }) => mainStep(aws, deployInputs(ami, { 'set-default-version': 'true' })),
    },
    {
      name: 'canary: health commands pass over SSM at the checkpoint',
      setup: (aws) => ownAmi(aws),
      run: (aws, { ami }) =>
        mainStep(
          aws,
          deployInputs(ami, {
            strategy: 'canary',
            checkpoints: '25, 100',
            'checkpoint-delay': '1h',
            'health-commands': 'curl -fsS http://localhost/health',
            'min-healthy-percentage': '75',
          }),
        ),
    },
    {
      name: 'canary: a failing health command rolls the refresh back, with its output',
      setup: async (aws) => {
        await aws.setFaults({
          commandFailures: [{ pattern: 'health', exitCode: 7, stderr: 'connection refused' }],
        });
        return ownAmi(aws);
      },
      run: async (aws, { ami }) => {
        const out = await mainStep(
          aws,
          deployInputs(ami, {
            strategy: 'canary',
            checkpoints: '25, 100',
            'checkpoint-delay': '1h',
            'health-commands': 'curl -fsS http://localhost/health',
            'min-healthy-percentage': '75',
          }),
        );
        return { ok: !out.ok && /exit 7\): connection refused/.test(out.text), text: out.text };
      },
    },
    {
      name: 'canary: the alarm at the first checkpoint rolls the refresh back',
      setup: async (aws) => {
        await aws.setFaults({ alarmOnNewInstances: 'demo-app-5xx' });
        return ownAmi(aws);
      },
      run: async (aws, { ami }) => {
        const out = await mainStep(
          aws,
          deployInputs(ami, {
            strategy: 'canary',
            checkpoints: '25, 100',
            'checkpoint-delay': '1h',
            alarms: 'demo-app-5xx',
            'min-healthy-percentage': '75',
          }),
        );
        const rolledBack = aws.sim.calls.some(
          (c) => c.operation === 'RollbackInstanceRefresh' && c.outcome === 'ok',
        );
        return {
          ok: !out.ok && rolledBack && /alarm demo-app-5xx is in ALARM/.test(out.text),
          text: out.text,
        };
      },
    },
    {
      name: 'on-conflict: cancel cancels the refresh already running',
      setup: async (aws) => {
        const given = await ownAmi(aws);
        await new AutoScalingClient({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 }).send(
          new StartInstanceRefreshCommand({
            AutoScalingGroupName: 'demo-app',
            // Waits at 25% for longer than the test runs.
            Preferences: {
              CheckpointPercentages: [25, 100],
              CheckpointDelay: 100_000,
              MinHealthyPercentage: 75,
            },
          }),
        );
        return given;
      },
      run: (aws, { ami }) => mainStep(aws, deployInputs(ami, { 'on-conflict': 'cancel' })),
    },
    {
      name: 'blue-green with traffic-steps: a new group with the policies and metrics, listener and rule shifted, old group deleted',
      setup: async (aws) => ({ ...(await ownAmi(aws)), listener: await blueGreenExtras(aws) }),
      run: (aws, { ami, listener }) => mainStep(aws, blueGreenTraffic(ami, listener)),
    },
    {
      name: 'resolve:ssm: the 101st version of the parameter (the oldest gives up its label) rolls out; two protected instances left are named',
      setup: async (aws) => {
        await ssmImageGroup(aws, 100);
        await protect(aws, 2);
        return ownAmi(aws);
      },
      run: async (aws, { ami }) => {
        const out = await mainStep(aws, deployInputs(ami, { 'scale-in-protected-instances': 'ignore' }));
        return unlabelledNamingProtected(aws, out);
      },
    },
    {
      name: 'blue-green keep-old of a group with a warm pool, a scheduled action and a VPC Lattice traffic source',
      setup: async (aws) => {
        await groupExtras(aws);
        return ownAmi(aws);
      },
      run: (aws, { ami }) =>
        mainStep(aws, {
          mode: 'deploy',
          strategy: 'blue-green',
          'ami-id': ami,
          asg: 'demo-app',
          'keep-old': '1h',
        }),
    },
    {
      name: 'blue-green into your own idle group (green-asg)',
      setup: async (aws) => {
        const asg = new AutoScalingClient({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 });
        const demo = (
          await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['demo-app'] }))
        ).AutoScalingGroups![0];
        await asg.send(
          new CreateAutoScalingGroupCommand({
            AutoScalingGroupName: 'demo-app-b',
            LaunchTemplate: demo.LaunchTemplate,
            MinSize: 0,
            MaxSize: 1,
            DesiredCapacity: 0,
            VPCZoneIdentifier: demo.VPCZoneIdentifier,
          }),
        );
        return ownAmi(aws);
      },
      run: (aws, { ami }) =>
        mainStep(aws, {
          mode: 'deploy',
          strategy: 'blue-green',
          'ami-id': ami,
          asg: 'demo-app',
          'green-asg': 'demo-app-b',
        }),
    },
  ],
  rollback: [
    {
      name: 'rolls the group back to the AMI before the last deploy',
      setup: async (aws) => {
        const { ami } = await ownAmi(aws);
        const deployed = await mainStep(aws, deployInputs(ami));
        if (!deployed.ok) throw new Error(`the deploy before the rollback failed:\n${deployed.text}`);
        return undefined;
      },
      run: (aws) =>
        mainStep(aws, {
          mode: 'rollback',
          asg: 'demo-app',
          'min-healthy-percentage': '50',
          'instance-warmup': '60s',
        }),
    },
    {
      name: 'blue-green: back to the group kept by keep-old, the listener and its rule moved back',
      setup: async (aws) => {
        const { ami } = await ownAmi(aws);
        const listener = await blueGreenExtras(aws);
        const deployed = await mainStep(
          aws,
          blueGreenTraffic(ami, listener, { 'traffic-steps': '100', 'keep-old': '1h' }),
        );
        if (!deployed.ok)
          throw new Error(`the blue-green deploy before the rollback failed:\n${deployed.text}`);
        return { listener };
      },
      run: (aws, { listener }) =>
        mainStep(aws, {
          mode: 'rollback',
          strategy: 'blue-green',
          asg: 'demo-app',
          'listener-arn': listener,
        }),
    },
    {
      name: 'resolve:ssm: the previous parameter version back as the 101st (the oldest gives up its label); a protected instance left is named',
      setup: async (aws) => {
        await ssmImageGroup(aws, 99);
        const { ami } = await ownAmi(aws);
        const deployed = await mainStep(aws, deployInputs(ami));
        if (!deployed.ok) throw new Error(`the deploy before the rollback failed:\n${deployed.text}`);
        await protect(aws, 1);
        return undefined;
      },
      run: async (aws) => {
        const out = await mainStep(aws, {
          mode: 'rollback',
          asg: 'demo-app',
          'min-healthy-percentage': '50',
          'instance-warmup': '60s',
          'scale-in-protected-instances': 'ignore',
        });
        return unlabelledNamingProtected(aws, out);
      },
    },
    {
      name: 'blue-green: back to the kept group with the warm pool, scheduled action and traffic source',
      setup: async (aws) => {
        await groupExtras(aws);
        const { ami } = await ownAmi(aws);
        const deployed = await mainStep(aws, {
          mode: 'deploy',
          strategy: 'blue-green',
          'ami-id': ami,
          asg: 'demo-app',
          'keep-old': '1h',
        });
        if (!deployed.ok)
          throw new Error(`the blue-green deploy before the rollback failed:\n${deployed.text}`);
        return undefined;
      },
      run: (aws) => mainStep(aws, { mode: 'rollback', strategy: 'blue-green', asg: 'demo-app' }),
    },
  ],
  cleanup: [
    {
      name: 'removes all but the newest AMI made by the action, with their snapshots',
      setup: bakedAmis,
      run: async (aws) => {
        const out = await mainStep(aws, {
          mode: 'cleanup',
          'name-prefix': 'app-',
          'keep-latest': '1',
          'dry-run': 'false',
        });
        const left = Object.keys((await aws.state()).services.ec2.regions['us-east-1'].images).filter((id) =>
          [1, 2, 3, 4].some((n) => id === stableId('ami', 'us-east-1', `app-${n}`)),
        );
        return { ok: out.ok && left.length === 1, text: out.text };
      },
    },
    {
      name: 'keeps the AMI a plain-text parameter of ssm-parameters names (read with its history)',
      setup: async (aws) => {
        await bakedAmis(aws);
        await new SSMClient({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 }).send(
          new PutParameterCommand({
            Name: '/app/ami/live',
            Value: stableId('ami', 'us-east-1', 'app-1'),
            Type: 'String',
          }),
        );
        return undefined;
      },
      run: async (aws) => {
        const out = await mainStep(aws, {
          mode: 'cleanup',
          'name-prefix': 'app-',
          'keep-latest': '0',
          'ssm-parameters': '/app/ami/live',
          'dry-run': 'false',
        });
        const images = (await aws.state()).services.ec2.regions['us-east-1'].images;
        const left = [1, 2, 3, 4].filter((n) => images[stableId('ami', 'us-east-1', `app-${n}`)]);
        return { ok: out.ok && left.join() === '1', text: out.text };
      },
    },
    {
      name: 'three nights through deprecate, disable, delete: a shared AMI after its usage report, into the Recycle Bin',
      // EnableImageDeprecation takes a time a minute ahead: on the fast simulator that minute is 60 ms,
      // which request pacing on a busy machine can outlast.
      slow: true,
      setup: async (aws) => {
        await bakedAmis(aws);
        await shareImage(aws, stableId('ami', 'us-east-1', 'app-1'), '111122223333');
        await recycleBinRule(aws);
        return undefined;
      },
      run: async (aws) => {
        const texts: string[] = [];
        for (const night of [1, 2, 3]) {
          if (night > 1) await aws.advance(86400);
          const out = await mainStep(aws, retireNightly);
          texts.push(out.text);
          if (!out.ok) return { ok: false, text: texts.join('\n') };
        }
        const images = (await aws.state()).services.ec2.regions['us-east-1'].images;
        const gone = [1, 2, 3].every((n) => !images[stableId('ami', 'us-east-1', `app-${n}`)]);
        return { ok: gone, text: texts.join('\n') };
      },
    },
    {
      name: 'restore a disabled AMI, and one from the Recycle Bin, shared again as before',
      // EnableImageDeprecation takes a time a minute ahead: on the fast simulator that minute is 60 ms,
      // which request pacing on a busy machine can outlast.
      slow: true,
      setup: async (aws) => {
        await bakedAmis(aws);
        await shareImage(aws, stableId('ami', 'us-east-1', 'app-1'), '111122223333');
        await shareImage(aws, stableId('ami', 'us-east-1', 'app-2'), '111122223333');
        await recycleBinRule(aws);
        for (const night of [1, 2]) {
          if (night > 1) await aws.advance(86400);
          const out = await mainStep(aws, retireNightly);
          if (!out.ok) throw new Error(out.text);
        }
        await new EC2Client({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 }).send(
          new DeregisterImageCommand({ ImageId: stableId('ami', 'us-east-1', 'app-2') }),
        );
        return undefined;
      },
      run: async (aws) => {
        const texts: string[] = [];
        for (const n of [1, 2]) {
          const out = await mainStep(aws, {
            mode: 'cleanup',
            restore: stableId('ami', 'us-east-1', `app-${n}`),
            'dry-run': 'false',
          });
          texts.push(out.text);
          if (!out.ok) return { ok: false, text: texts.join('\n') };
        }
        const images = (await aws.state()).services.ec2.regions['us-east-1'].images;
        const back = [1, 2].every((n) => {
          const image = images[stableId('ami', 'us-east-1', `app-${n}`)];
          return (
            !image?.disabled &&
            image?.launchPermissions.some((p: { UserId?: string }) => p.UserId === '111122223333')
          );
        });
        return { ok: back, text: texts.join('\n') };
      },
    },
  ],
  publish: [
    {
      name: 'copy an encrypted AMI to 2 regions, share with accounts, an organization and an OU, deprecate, protect, record',
      setup: async (aws) => ({ source: await ownedAmiToPublish(aws) }),
      run: (aws, { source }) =>
        mainStep(aws, {
          mode: 'publish',
          'ami-id': source,
          tags: 'team=web\nversion=1.2.3',
          'copy-to-regions': 'eu-west-1, us-west-2',
          'kms-key-ids': 'eu-west-1=alias/ami-action\nus-west-2=alias/ami-action',
          'share-with-accounts': SHARE_ACCOUNTS,
          'share-with-organizations': 'arn:aws:organizations::999988887777:organization/o-a1b2c3d4e5',
          'share-with-ous': 'arn:aws:organizations::999988887777:ou/o-a1b2c3d4e5/ou-ab12-cdef3456',
          'deprecate-after': '90d',
          'deregistration-protection': 'true',
          'ssm-parameter': '/app/ami/prod',
          'require-test': 'true',
        }),
    },
    {
      name: 'a re-run after a failed copy removes the failed copy and copies again',
      setup: async (aws) => {
        const source = await ownedAmiToPublish(aws, false);
        await aws.setFaults({ failCopiesTo: ['eu-west-1'] });
        const first = await mainStep(aws, publishAfterFailure(source));
        if (first.ok) throw new Error('the first publish should have failed in eu-west-1');
        await aws.setFaults({});
        return { source };
      },
      run: async (aws, { source }) => {
        const out = await mainStep(aws, publishAfterFailure(source));
        const removed = aws.sim.calls.some((c) => c.operation === 'DeregisterImage' && c.outcome === 'ok');
        return { ok: out.ok && removed, text: out.text };
      },
    },
    {
      name: 'the 101st labelled release: the oldest version gives up its label so the new one fits',
      setup: async (aws) => {
        const ssm = new SSMClient({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 });
        for (let version = 1; version <= 100; version++) {
          await ssm.send(
            new PutParameterCommand({
              Name: '/app/ami/history',
              Value: DEFAULT_BASE_AMI_ID,
              Type: 'String',
              Overwrite: version > 1,
            }),
          );
          await ssm.send(
            new LabelParameterVersionCommand({
              Name: '/app/ami/history',
              ParameterVersion: version,
              Labels: [`v0.${version}`],
            }),
          );
        }
        return { source: await ownedAmiToPublish(aws, false) };
      },
      run: async (aws, { source }) => {
        const out = await mainStep(aws, {
          mode: 'publish',
          'ami-id': source,
          tags: 'version=1.0.0',
          'ssm-parameter': '/app/ami/history',
        });
        return { ok: out.ok && unlabelled(aws), text: out.text };
      },
    },
    {
      name: 'assumes the target role in each workload account to publish into it',
      setup: async (aws) => ({ source: await ownedAmiToPublish(aws, false) }),
      run: (aws, { source }) =>
        mainStep(
          aws,
          targetPublish(source, {
            'copy-to-regions': '',
            'kms-key-ids': '',
            'copy-into-accounts': 'false',
            'target-kms-key': '',
          }),
        ),
    },
    // Before the other public case: removing ReadPublicAmiQuota is proven on the first case using it,
    // and only a raised quota needs the statement (without it the plan assumes the default of 5).
    {
      name: 'a Public AMIs quota raised to 10 in Service Quotas lets a public copy join 5 public AMIs',
      setup: async (aws) => {
        await aws.seed({
          ec2: {
            images: [0, 1, 2, 3, 4].map((n) => ({
              region: 'eu-west-1',
              imageId: stableId('ami', 'eu-west-1', `public-${n}`),
              name: `public-${n}`,
              ownerId: '123456789012',
              public: true,
            })),
          },
          servicequotas: {
            quotas: [{ region: 'eu-west-1', serviceCode: 'ec2', quotaCode: 'L-0E3CBAB9', value: 10 }],
          },
        });
        return { source: await ownedAmiToPublish(aws, false) };
      },
      run: (aws, { source }) => mainStep(aws, publicPublish(source)),
    },
    {
      name: 'makes an unencrypted AMI public with allow-public',
      setup: async (aws) => ({ source: await ownedAmiToPublish(aws, false) }),
      run: (aws, { source }) => mainStep(aws, publicPublish(source)),
    },
  ],
  consumer: [
    {
      name: 'each target account copies the AMI into itself, encrypted with its own key, and records it',
      setup: async (aws) => ({ source: await ownedAmiToPublish(aws) }),
      run: (aws, { source }) => mainStep(aws, targetPublish(source)),
    },
    {
      name: "a re-run after a target account's copy failed removes the failed copy and copies again",
      setup: async (aws) => {
        const source = await ownedAmiToPublish(aws, false);
        await aws.setFaults({ failCopiesTo: ['us-east-1'] });
        const first = await mainStep(
          aws,
          targetPublish(source, { 'copy-to-regions': '', 'kms-key-ids': '' }),
        );
        if (first.ok)
          throw new Error("the first publish should have failed in the target accounts' us-east-1");
        await aws.setFaults({});
        return { source };
      },
      run: async (aws, { source }) => {
        const out = await mainStep(aws, targetPublish(source, { 'copy-to-regions': '', 'kms-key-ids': '' }));
        const removed = aws.sim.calls.some(
          (c) =>
            c.operation === 'DeregisterImage' && c.outcome === 'ok' && c.account === WORKLOAD_ACCOUNTS[0],
        );
        return { ok: out.ok && removed, text: out.text };
      },
    },
    {
      name: "the 101st labelled release in a target account's parameter",
      setup: async (aws) => {
        const source = await ownedAmiToPublish(aws, false);
        for (const account of WORKLOAD_ACCOUNTS) {
          const client = async () =>
            new SSMClient({
              ...aws.sdkConfig('us-east-1', await aws.assumeRole(consumerRoleArn(account))),
              maxAttempts: 1,
            });
          await fullHistory(client, '/golden/ami/app');
        }
        return { source };
      },
      run: async (aws, { source }) => {
        const out = await mainStep(
          aws,
          targetPublish(source, {
            'copy-to-regions': '',
            'kms-key-ids': '',
            'copy-into-accounts': 'false',
            'target-kms-key': '',
          }),
        );
        return { ok: out.ok && unlabelled(aws, WORKLOAD_ACCOUNTS[1]), text: out.text };
      },
    },
  ],
  test: [
    {
      name: 'a smoke test passes and the AMI is tagged with the result',
      run: async (aws) => {
        const out = await mainStep(aws, testInputs());
        const image = (await aws.state()).services.ec2.regions['us-east-1'].images[DEFAULT_BASE_AMI_ID];
        const tagged = image.Tags.some(
          (t: { Key: string; Value: string }) => t.Key === 'ami-action:test' && t.Value === 'passed',
        );
        return { ok: out.ok && tagged, text: out.text };
      },
    },
    {
      name: 'max-base-age: a base older than that fails the test before launch, with the AMI ancestry',
      setup: async (aws) => ({ ami: await ownedAmiToPublish(aws, false) }),
      run: async (aws, { ami }) => {
        const out = await mainStep(aws, testInputs({ 'ami-id': ami, 'max-base-age': '30d' }));
        const launched = aws.sim.calls.some((c) => c.operation === 'RunInstances');
        return {
          ok:
            !out.ok &&
            !launched &&
            out.text.includes(`The base ${DEFAULT_BASE_AMI_ID} of ${ami}`) &&
            out.text.includes('older than max-base-age 30d') &&
            out.text.includes(`AMI ancestry (GetImageAncestry): ${ami}`),
          text: out.text,
        };
      },
    },
    {
      name: 'the vulnerability gate reads what Inspector found; the AMI is tagged with the counts',
      run: async (aws) => {
        const out = await mainStep(aws, testInputs({ 'vulnerability-gate': 'critical=0,high=5' }));
        const image = (await aws.state()).services.ec2.regions['us-east-1'].images[DEFAULT_BASE_AMI_ID];
        const tagged = image.Tags.some((t: { Key: string }) => t.Key === 'ami-action:vulnerabilities');
        return { ok: out.ok && tagged, text: out.text };
      },
    },
    {
      name: "the instance's SBOM is exported",
      run: async (aws) => {
        const out = await mainStep(
          aws,
          testInputs({
            'sbom-bucket': 'release-sboms',
            'sbom-kms-key': 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
          }),
        );
        return {
          ok: out.ok && /SBOM of i-\w+ exported to s3:\/\/release-sboms\//.test(out.text),
          text: out.text,
        };
      },
    },
    {
      name: 'the boot-time gate compares with the AMI ssm-parameter names',
      setup: async (aws) => {
        const released = await ownedAmiToPublish(aws, false);
        await new EC2Client({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 }).send(
          new CreateTagsCommand({
            Resources: [released],
            Tags: [{ Key: 'ami-action:boot-seconds', Value: '90' }],
          }),
        );
        await new SSMClient({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 }).send(
          new PutParameterCommand({ Name: '/app/ami/prod', Value: released, Type: 'String' }),
        );
        return { released };
      },
      run: async (aws, { released }) => {
        // warn: the case is about what the gate reads, not about this run's boot time.
        const out = await mainStep(
          aws,
          testInputs({
            'boot-time-gate': '+25%',
            'boot-time-gate-mode': 'warn',
            'ssm-parameter': '/app/ami/prod',
          }),
        );
        return { ok: out.ok && out.text.includes(`compared with ${released}`), text: out.text };
      },
    },
    {
      name: 'SSM never online: the console output is shown',
      setup: async (aws) => {
        await aws.setFaults({ ssmNeverOnline: [DEFAULT_BASE_AMI_ID] });
        return undefined;
      },
      run: async (aws) => {
        const out = await mainStep(aws, testInputs({ timeout: '4s' }));
        return { ok: !out.ok && /::group::Console output of i-/.test(out.text), text: out.text };
      },
    },
  ],
  'bake-image-builder': [
    { name: 'bake', run: (aws) => mainStep(aws, imageBuilderInputs) },
    {
      name: 'skip-if-unchanged, the parent image following the public parameter: the second bake reuses the first AMI',
      setup: async (aws) => {
        await aws.seed({
          imagebuilder: {
            pipelines: [{ arn: NIGHTLY_PIPELINE, parentImage: `ssm:${AL2023_X86_PARAMETER}` }],
          },
        });
        return undefined;
      },
      run: bakeNightlyTwice,
    },
    {
      name: 'skip-if-unchanged, the parent image the newest version of an AWS-managed image: the second bake reuses the first AMI',
      setup: async (aws) => {
        await aws.seed({
          imagebuilder: {
            images: [{ arn: `${MANAGED_PARENT}/2024.10.10/1`, amis: { 'us-east-1': DEFAULT_BASE_AMI_ID } }],
            pipelines: [{ arn: NIGHTLY_PIPELINE, parentImage: `${MANAGED_PARENT}/x.x.x` }],
          },
        });
        return undefined;
      },
      run: bakeNightlyTwice,
    },
    {
      name: 'SIGTERM mid-build cancels the build in the main step',
      slow: true,
      run: async (aws) => {
        const out = await withPost(aws, imageBuilderInputs, {
          onSpawn: (child, output) => {
            const timer = setInterval(() => {
              if (output.text().includes('Started arn:aws:imagebuilder')) {
                clearInterval(timer);
                child.kill('SIGTERM');
              }
            }, 20);
            child.on('exit', () => clearInterval(timer));
          },
        });
        // The main step fails by design; the case holds when the build was cancelled.
        const cancelled = aws.sim.calls.some(
          (c) => c.operation === 'CancelImageCreation' && c.outcome === 'ok',
        );
        return { ok: cancelled, text: out.text };
      },
    },
    {
      name: 'the tag step is refused: the output AMI is deregistered with its snapshots',
      run: async (aws) => {
        await refuseTheTagStep(aws);
        const run = await runAgainst(aws, { inputs: { ...FAST, ...imageBuilderInputs } });
        return undoneUntagged(aws, run.exitCode, `${run.log}\n${run.errors.join('\n')}`);
      },
    },
  ],
  ...(packerOnPath() ? { 'bake-packer': [bakePacker, bakePackerTwice, bakePackerTagStepRefused] } : {}),
};

/** IAM_POLICIES=test,bake-packer runs only those (while writing a policy). */
const only = process.env.IAM_POLICIES?.split(',');
const POLICIES = Object.fromEntries(
  Object.entries(ALL_POLICIES).filter(([name]) => !only || only.includes(name)),
);

const POLICY_DIR = resolve(import.meta.dirname, '../../docs/iam');
const loadPolicy = (name: string) => JSON.parse(readFileSync(resolve(POLICY_DIR, `${name}.json`), 'utf8'));

interface Result {
  outcome: Outcome;
  /** Per statement (by index): the actions it granted in this run. */
  used: string[][];
  /** The simulator's denial messages. */
  denials: string[];
}

/** A set of simulators handed to one run at a time. */
function pool(simulators: SimHandle[]) {
  const free = [...simulators];
  const waiting: ((aws: SimHandle) => void)[] = [];
  return async function withSimulator<T>(job: (aws: SimHandle) => Promise<T>): Promise<T> {
    const aws = free.pop() ?? (await new Promise<SimHandle>((r) => waiting.push(r)));
    try {
      return await job(aws);
    } finally {
      const next = waiting.shift();
      if (next) next(aws);
      else free.push(aws);
    }
  };
}

const fast = pool(POOL);
const slow = pool(SLOW_POOL);

/**
 * Policies of roles the action assumes rather than of the job: how each is put in place (the job
 * then runs under the policy of the mode that assumes it), and the documents whose use counts.
 */
const ROLE_POLICIES: Record<string, (aws: SimHandle, policy: unknown) => Promise<PolicyDocument[]>> = {
  consumer: async (aws, policy) => {
    await aws.seed({
      sts: {
        roles: WORKLOAD_ACCOUNTS.map((account) => ({
          arn: consumerRoleArn(account),
          trustedAccounts: ['123456789012'],
          policy,
        })),
      },
    });
    await aws.policy(loadPolicy('publish'));
    return WORKLOAD_ACCOUNTS.map(
      (account) => aws.sim.account(account)!.slice<any>('sts').roles[CONSUMER_ROLE].policy as PolicyDocument,
    );
  },
};

function runUnder(kase: Case, policy: unknown, name: string): Promise<Result> {
  return (kase.slow ? slow : fast)(async (aws) => {
    await aws.reset();
    const given = (await kase.setup?.(aws)) ?? {};
    const roles = ROLE_POLICIES[name];
    const documents = roles ? await roles(aws, policy) : [];
    if (!roles) await aws.policy(policy);
    const outcome = await kase.run(aws, given);
    if (!roles && aws.sim.policy) documents.push(aws.sim.policy);
    // Per statement, what any of the documents granted.
    const used = (policy as PolicyDocument).Statement.map((_, i) => [
      ...new Set(documents.flatMap((document) => policyUsage(document)[i]?.actions ?? [])),
    ]);
    const denials = aws.sim.calls.flatMap((c) => c.denied ?? []);
    return { outcome, used, denials };
  });
}

interface Removal {
  statement: Statement;
  kase?: Case;
  result?: Result;
}

const happy = new Map<string, Result[]>();
const removals = new Map<string, Removal[]>();

beforeAll(async () => {
  // Each policy goes on to its removals as soon as its own cases passed; the slowest (Packer) first.
  const policies = Object.entries(POLICIES)
    .map(([name, cases]) => ({ name, cases, doc: loadPolicy(name) }))
    .sort((a, b) => Number(b.cases.some((c) => c.external)) - Number(a.cases.some((c) => c.external)));
  await Promise.all(
    policies.map(async ({ name, cases, doc }) => {
      const results = await Promise.all(cases.map((c) => runUnder(c, doc, name)));
      happy.set(name, results);
      const list: Removal[] = doc.Statement.map((statement: Statement, i: number) => ({
        statement,
        kase: cases.find((_, k) => results[k].outcome.ok && results[k].used[i]?.length),
      }));
      removals.set(name, list);
      await Promise.all(
        list.map(async (r, i) => {
          if (!r.kase) return;
          r.result = await runUnder(
            r.kase,
            { ...doc, Statement: doc.Statement.filter((_: unknown, j: number) => j !== i) },
            name,
          );
        }),
      );
    }),
  );
  // Every case and every removal of every policy: about two minutes alone, longer beside the rest
  // of the suite on a shared machine.
}, 480_000);

for (const [name, cases] of Object.entries(POLICIES)) {
  describe(`docs/iam/${name}.json`, () => {
    const statements: Statement[] = loadPolicy(name).Statement;

    it.each(cases.map((c, k) => [c.name, k]))('%s passes under the policy', (_, k) => {
      const result = happy.get(name)![k as number];
      expect(result.outcome.ok, `${result.outcome.text}\n${result.denials.join('\n')}`).toBe(true);
    });

    it('every action of every statement is granted to some case', () => {
      const unused = statements.flatMap((s, i) => {
        const granted = happy.get(name)!.flatMap((r) => r.used[i] ?? []);
        return [s.Action ?? []]
          .flat()
          .filter((p) => !granted.some((a) => actionMatches(p, a)))
          .map((p) => `${s.Sid ?? i}: ${p}`);
      });
      expect(unused).toEqual([]);
    });

    it.each(statements.map((s, i) => [s.Sid ?? String(i), i]))(
      'without %s, a case fails naming its action',
      (sid, i) => {
        const removal = removals.get(name)![i as number];
        expect(removal.kase, `no passing case uses ${sid}`).toBeDefined();
        const { outcome, denials } = removal.result!;
        const label = `${name} without ${sid} (case: ${removal.kase!.name})`;
        expect(outcome.ok, label).toBe(false);
        const actions = [removal.statement.Action ?? []].flat().map((a) => a.replace(/\*/g, '\\w*'));
        const naming = new RegExp(
          `(not authorized to perform|may not call):? (${actions.join('|')})\\b`,
          'i',
        );
        const where = removal.kase!.external ? [outcome.text, ...denials].join('\n') : outcome.text;
        expect(where, label).toMatch(naming);
      },
    );
  });
}
