/**
 * Rolling deploy of a 40-instance group (the simulator's `demo-app`, scaled up), run as the runner runs
 * the action: wall time over the simulated refresh's own duration (StartTime to EndTime), and how many
 * describe calls a minute the action made while it waited.
 */
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { runAction } from '../scripts/lib/action-process.js';
import { simEnv } from '../scripts/lib/sim-env.js';
import { startSimulator } from '../sim/index.js';
import { POLL_INTERVAL_SECONDS, TIME_SCALE } from './scale.js';

const NEW_AMI = 'ami-0be0c0be0c0be0c0d';

const realSeconds = (fromMs: number, toMs: number) => (((toMs - fromMs) / 1000) * TIME_SCALE).toFixed(2);

export async function rollingDeploy(): Promise<string[]> {
  const simulator = await startSimulator({ port: 0, timeScale: TIME_SCALE });
  try {
    simulator.sim.seed({
      ec2: {
        images: [
          {
            region: 'us-east-1',
            imageId: NEW_AMI,
            name: 'bench-app-2',
            ownerId: '123456789012',
            public: false,
          },
        ],
      },
    });
    const sdkConfig = {
      region: 'us-east-1',
      endpoint: simulator.url,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    };
    const asg = new AutoScalingClient(sdkConfig);
    await asg.send(
      new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: 'demo-app',
        MinSize: 40,
        MaxSize: 80,
        DesiredCapacity: 40,
      }),
    );
    simulator.sim.clock.advance(3600); // let the new instances come into service
    // The simulator settles that hour of the group's and instances' life on the next call of each
    // service (about 0.7 s for EC2): make those calls here, not on the action's time.
    await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['demo-app'] }));
    await new EC2Client(sdkConfig).send(new DescribeInstancesCommand({ MaxResults: 5 }));
    const before = simulator.sim.calls.length;
    const started = Date.now();
    const simStarted = simulator.sim.clock.nowMs();
    const run = await runAction({
      inputs: {
        mode: 'deploy',
        'ami-id': NEW_AMI,
        asg: 'demo-app',
        strategy: 'rolling',
        'min-healthy-percentage': '90',
        'poll-interval': `${POLL_INTERVAL_SECONDS}s`,
      },
      env: simEnv(simulator.url),
      timeoutMs: 600_000,
    });
    const wallSeconds = (Date.now() - started) / 1000;
    const simEnded = simulator.sim.clock.nowMs();
    const calls = simulator.sim.calls.slice(before);
    const describes = calls.filter((c) => c.operation.startsWith('Describe')).length;
    const refresh = (
      simulator.sim.snapshot().services.autoscaling.regions?.['us-east-1']?.refreshes ?? []
    ).at(-1);
    const refreshSeconds =
      refresh?.EndTime && refresh?.StartTime
        ? ((Date.parse(refresh.EndTime) - Date.parse(refresh.StartTime)) / 1000) * TIME_SCALE
        : undefined;
    return [
      `## rolling deploy, 40 instances, min healthy 90% (time scale ${TIME_SCALE}, poll-interval ${POLL_INTERVAL_SECONDS}s)`,
      `  ${run.exitCode === 0 ? 'succeeded' : 'FAILED'}: wall ${wallSeconds.toFixed(1)} s` +
        (refreshSeconds
          ? `, simulated refresh ${refreshSeconds.toFixed(1)} s, wall / refresh ${(wallSeconds / refreshSeconds).toFixed(2)} (goal <= 1.05)`
          : ', refresh times not found in the simulator state') +
        `; ${describes} describe calls, ${(describes / (wallSeconds / 60)).toFixed(0)} a minute; ${calls.length} calls in all`,
      ...(refresh?.StartTime && refresh?.EndTime
        ? [
            `  of the wall time: ${realSeconds(simStarted, Date.parse(refresh.StartTime))} s before the refresh started, ` +
              `${realSeconds(Date.parse(refresh.EndTime), simEnded)} s after it ended (detection, checks, exit)`,
          ]
        : []),
      ...(run.exitCode === 0 ? [] : [run.log.slice(-1500)]),
    ];
  } finally {
    await simulator.stop();
  }
}
