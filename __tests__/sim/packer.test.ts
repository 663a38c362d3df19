/**
 * Real Packer (Debian's 1.6.6, amazon-ebs builder, aws-sdk-go v1) baking against the simulator:
 * the artifact it reports must exist in the simulator's state and be available.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_AMI_ID } from '../../sim/services/ec2/scenario.js';
import { useSimulator } from '../helpers/sim.js';

const run = promisify(execFile);
const TEMPLATE = resolve(__dirname, '../fixtures/packer/ebs.json');

async function packerPath(): Promise<string | undefined> {
  try {
    const { stdout } = await run('sh', ['-c', 'command -v packer']);
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

const packer = await packerPath();
if (!packer) console.log('packer.test.ts skipped: `packer` is not on PATH (apt-get install -y packer)');

describe.skipIf(!packer)('packer amazon-ebs against the simulator', () => {
  const aws = useSimulator({ timeScale: 0.005 });

  it('bakes an AMI that exists, available, in the simulator', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packer-sim-'));
    try {
      const { stdout } = await run(
        packer!,
        [
          'build',
          '-machine-readable',
          '-var',
          `endpoint=${aws.url}`,
          '-var',
          `source_ami=${DEFAULT_BASE_AMI_ID}`,
          TEMPLATE,
        ],
        {
          cwd: dir,
          timeout: 120_000,
          env: {
            PATH: process.env.PATH,
            HOME: dir,
            CHECKPOINT_DISABLE: '1',
            AWS_ACCESS_KEY_ID: 'AKIDSIM',
            AWS_SECRET_ACCESS_KEY: 'sim-secret',
            AWS_EC2_METADATA_DISABLED: 'true',
            AWS_CONFIG_FILE: join(dir, 'none'),
            AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
          },
        },
      );
      const artifact = stdout.split('\n').find((l) => /^\d+,amazon-ebs,artifact,0,id,/.test(l));
      expect(artifact, stdout).toBeDefined();
      const [region, amiId] = artifact!.split(',').slice(5).join(',').split(':');
      expect(region).toBe('us-east-1');
      const state = await aws.state();
      const img = state.services.ec2.regions['us-east-1'].images[amiId];
      expect(img).toBeDefined();
      expect(img.Name).toMatch(/^ami-action-packer-/);
      expect(Date.parse(img.availableAt)).toBeLessThanOrEqual(Date.parse(state.time));
      expect(img.Tags).toEqual(expect.arrayContaining([{ Key: 'baked-by', Value: 'packer' }]));
      const ops = state.calls.map((c) => c.operation);
      expect(ops).toEqual(
        expect.arrayContaining(['RunInstances', 'StopInstances', 'CreateImage', 'TerminateInstances']),
      );
      expect(state.calls.filter((c) => c.outcome !== 'ok')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
