import { it } from 'vitest';
import { runAgainst } from '../helpers/e2e.js';
import { useSimulator } from '../helpers/sim.js';
const aws = useSimulator({ timeScale: 0.001 });
it('peek', async () => {
  const run = await runAgainst(aws, { inputs: { mode: 'test', 'ami-id': process.env.PEEK_AMI ?? 'ami-0abcdef1234567890', smoke: 'echo hi\nfalse', 'instance-profile': 'ami-action-test', 'dry-run': process.env.PEEK_DRY ?? 'false' } });
  console.log(run.log); console.log(run.summary);
}, 60000);
