import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PIPELINE_ARN } from '../../sim/services/imagebuilder/scenario.js';
import { runAgainst, runWithPostAgainst } from '../helpers/e2e.js';
import { useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 0.001 });
beforeEach(() => aws.reset());
const inputs = { mode: 'bake', builder: 'image-builder', 'pipeline-arn': DEMO_PIPELINE_ARN };

describe('bake with image-builder', () => {
  it('starts the default pipeline, waits, outputs AMIs that exist, tagged with their provenance', async () => {
    const run = await runAgainst(aws, { inputs });
    expect(run.exitCode, run.log).toBe(0);
    const amis = JSON.parse(run.outputs.amis);
    expect(Object.keys(amis)).toEqual(['us-east-1']);
    expect(run.outputs['ami-id']).toBe(amis['us-east-1']);
    expect(run.outputs['image-arn']).toMatch(
      /^arn:aws:imagebuilder:us-east-1:123456789012:image\/demo-app-recipe\/1\.0\.0\/1$/,
    );
    expect(Number(run.outputs['build-seconds'])).toBeGreaterThanOrEqual(0);
    // Each status change is logged with the time elapsed (polls at 1 s see some of a 1.8 s build's statuses).
    expect(run.log).toMatch(/^(PENDING|CREATING|BUILDING|TESTING|DISTRIBUTING|INTEGRATING) \(\d/m);

    const ec2 = new EC2Client(aws.sdkConfig('us-east-1'));
    const { Images } = await ec2.send(new DescribeImagesCommand({ ImageIds: [run.outputs['ami-id']] }));
    const image = Images?.[0];
    expect(image?.State).toBe('available');
    const tags = Object.fromEntries((image?.Tags ?? []).map((t) => [t.Key, t.Value]));
    expect(tags).toMatchObject({
      'ami-action:repository': 'octo-org/app',
      'ami-action:commit': '0123456789abcdef0123456789abcdef01234567',
      'ami-action:run-id': '4242-1',
      'ami-action:run-url': 'https://github.com/octo-org/app/actions/runs/4242',
    });
    expect(run.summary).toContain(run.outputs['ami-id']);
    expect(run.summary).toContain('Timeline');
  });

  it('a re-run of the same attempt finds the first build instead of starting a second', async () => {
    const first = await runAgainst(aws, { inputs });
    const second = await runAgainst(aws, { inputs });
    expect(second.exitCode, second.log).toBe(0);
    expect(second.outputs['ami-id']).toBe(first.outputs['ami-id']);
    const starts = (await aws.calls()).filter((c) => c.operation === 'StartImagePipelineExecution');
    expect(starts).toHaveLength(2);
    const state = await aws.state();
    expect(Object.keys(state.services.imagebuilder.builds)).toHaveLength(1);
    // Another attempt of the run is a new build.
    const third = await runAgainst(aws, { inputs, env: { GITHUB_RUN_ATTEMPT: '2' } });
    expect(third.outputs['ami-id']).not.toBe(first.outputs['ami-id']);
  });

  it('a failed build fails the step with its reason and leaves no AMI', async () => {
    await aws.setFaults({ imageBuildFailure: 'Component build failed: exit 1 in install-app' });
    const run = await runAgainst(aws, { inputs });
    expect(run.exitCode).not.toBe(0);
    expect(run.errors.join('\n')).toMatch(/ended FAILED: Component build failed: exit 1 in install-app/);
    expect(run.outputs['ami-id']).toBeUndefined();
    const state = await aws.state();
    const images = Object.values<any>(state.services.ec2.regions['us-east-1'].images);
    expect(images.filter((image) => image.Name?.startsWith('demo-app '))).toEqual([]);
  });

  it('SIGTERM mid-build cancels the build (CancelImageCreation), and the post step finds nothing left to do', async () => {
    const { main, post } = await runWithPostAgainst(aws, {
      inputs,
      onSpawn: (child, output) => {
        const timer = setInterval(() => {
          if (output.text().includes('Started arn:aws:imagebuilder')) {
            clearInterval(timer);
            child.kill('SIGTERM');
          }
        }, 50);
      },
    });
    expect(main.exitCode).not.toBe(0);
    expect(post.exitCode, post.log).toBe(0);
    const calls = await aws.calls();
    expect(calls.filter((c) => c.operation === 'CancelImageCreation')).toHaveLength(1);
    const state = await aws.state();
    const images = Object.values<any>(state.services.ec2.regions['us-east-1'].images);
    expect(images.filter((image) => image.Name?.startsWith('demo-app '))).toEqual([]);
  });

  it('refuses builder: image-builder without pipeline-arn before any AWS call', async () => {
    const run = await runAgainst(aws, { inputs: { mode: 'bake', builder: 'image-builder' } });
    expect(run.exitCode).not.toBe(0);
    expect(run.errors.join('\n')).toMatch(/Input 'pipeline-arn'.*needs the pipeline/);
    expect(await aws.calls()).toEqual([]);
  });
});
