import { runAction } from '../scripts/lib/action-process.js';
import { simEnv } from '../scripts/lib/sim-env.js';
import { startSimulator } from '../sim/index.js';
import { REGIONS } from './publish.js';
const ACCOUNTS = Array.from({ length: 50 }, (_, i) => String(300000000000 + i * 7919));
const simulator = await startSimulator({ port: 0, timeScale: 0.02 });
simulator.sim.seed({
  ec2: { images: [{ region: 'us-east-1', imageId: 'ami-0acc0acc0acc0acc0', name: 'bench-app-2', ownerId: '123456789012', public: false }] },
  sts: { roles: ACCOUNTS.map((a) => ({ arn: `arn:aws:iam::${a}:role/ami-consumer`, trustedAccounts: ['123456789012'] })) },
});
const started = Date.now();
const run = await runAction({
  inputs: { mode: 'publish', 'ami-id': 'ami-0acc0acc0acc0acc0', 'copy-to-regions': REGIONS.slice(1).join(','), 'target-accounts': ACCOUNTS.join(','),
    'target-role': 'arn:aws:iam::{account}:role/ami-consumer', 'ssm-parameter': '/golden/ami/app', tags: 'version=2.0.0', 'poll-interval': '0.2s' },
  env: simEnv(simulator.url), timeoutMs: 900_000, node: process.env.PROBE_NODE,
});
const { calls } = simulator.sim.snapshot();
const t0 = Date.parse(calls[0].time);
const rel = (c: any) => ((Date.parse(c.time) - t0) / 1000 * 0.02);
const firstMut = calls.find((c: any) => !/^(Describe|Get|List|AssumeRole)/.test(c.operation) && !c.dryRun);
console.log('exit', run.exitCode, 'wall', (Date.now() - started) / 1000, 'calls', calls.length, 'first mutating at', rel(firstMut).toFixed(2));
await simulator.stop();
