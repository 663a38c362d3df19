/**
 * The control API under `/_sim/`: plain JSON, unsigned.
 *   GET  /_sim/health           liveness
 *   GET  /_sim/state            { accountId, time, timeScale, faults, services, accounts, calls }: the default
 *                               account's slices in `services`, every other account's in
 *                               `accounts["<id>"].services`, one call log (each entry names its `account`,
 *                               DryRun calls carry `dryRun: true`)
 *   POST /_sim/reset[?empty=1]  empty state, default scenario re-seeded (not with empty=1), calls and faults cleared
 *   POST /_sim/seed             a scenario { "<signingName>": <section> } handed to each model's seed; a
 *                               section or an entry naming `"account": "<12 digits>"` seeds that account
 *                               (see sim/scenario.ts)
 *   GET|POST /_sim/faults       read / replace the fault set (`{}` clears); the pinned fields are documented
 *                               on sim/core/types.ts Faults, among them what instances and commands print:
 *                               `consoleOutput: {"<ami-id>": "text"}` (appended to GetConsoleOutput of its
 *                               instances), `commandFailures: [{pattern, exitCode, stdout, stderr}]`,
 *                               `commandOutputs: [{pattern, stdout, stderr}]` (commands that succeed)
 *                               and `lastLaunchedTimeDelaySeconds`: simulated seconds before a launch shows in its
 *                               image's lastLaunchedTime (absent: 86400, as EC2's "within 24 hours"; 0: at once),
 *                               e.g. POST /_sim/faults { "lastLaunchedTimeDelaySeconds": 0 }
 *   POST /_sim/clock            { "advanceSeconds": n } jumps simulated time forward
 *   GET|POST /_sim/policy       read / replace the IAM identity policy enforced on every call of the default
 *                               account's identity (`{}` or `null` removes it); roles of other accounts are
 *                               held to the `policy` they were seeded with, else allowed everything
 *
 * A newer base image, published as AWS publishes one (pinned; tests move the base with it): one seed
 * registers the new Amazon-owned AMI (public, owner alias `amazon`; give a `creationDate` later than
 * the current base's, which is what `most_recent` filters pick by) and moves the public parameter to
 * it (a seed of a parameter that exists adds a version):
 *   POST /_sim/seed {
 *     "ec2": { "images": [{ "region": "us-east-1", "imageId": "ami-0b0b0b0b0b0b0b0b0",
 *                           "name": "al2023-ami-2023.6.20241120.0-kernel-6.1-x86_64",
 *                           "creationDate": "<ISO 8601, e.g. simulated now>" }] },
 *     "ssm": { "publicParameters": [{ "region": "us-east-1",
 *                                     "name": "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
 *                                     "value": "ami-0b0b0b0b0b0b0b0b0", "dataType": "aws:ec2:image" }] }
 *   }
 * An AWS-managed Image Builder parent image version is seeded the same way:
 *   "imagebuilder": { "images": [{ "arn": "arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/2024.11.20/1",
 *                                  "amis": { "us-east-1": "ami-0b0b0b0b0b0b0b0b0" } }] }
 * and a pipeline follows the parameter or the newest image version with
 *   "imagebuilder": { "pipelines": [{ "arn": "...:image-pipeline/nightly",
 *                                     "parentImage": "ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64" }] }
 * (or "parentImage": "arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x").
 */
import type { Simulator } from './core/simulator.js';
import type { SimRequest, SimResponse } from './protocols/types.js';

const json = (status: number, value: unknown): SimResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

function parseBody(req: SimRequest): any {
  return req.body.trim() === '' ? {} : JSON.parse(req.body);
}

export function handleControl(sim: Simulator, req: SimRequest): SimResponse {
  const route = `${req.method} ${req.path.replace(/\/$/, '')}`;
  try {
    switch (route) {
      case 'GET /_sim/health':
        return json(200, { ok: true, accountId: sim.accountId, time: sim.clock.now().toISOString() });
      case 'GET /_sim/state':
        return json(200, sim.snapshot());
      case 'POST /_sim/reset': {
        const empty = ['1', 'true'].includes(req.query.get('empty') ?? '');
        sim.reset(empty);
        return json(200, { ok: true, empty });
      }
      case 'POST /_sim/seed':
        sim.seed(parseBody(req));
        return json(200, { ok: true });
      case 'GET /_sim/faults':
        return json(200, sim.faults);
      case 'POST /_sim/faults':
        sim.setFaults(parseBody(req));
        return json(200, { ok: true, faults: sim.faults });
      case 'GET /_sim/policy':
        return json(200, sim.policy ?? null);
      case 'POST /_sim/policy':
        sim.setPolicy(parseBody(req));
        return json(200, { ok: true, policy: sim.policy ?? null });
      case 'POST /_sim/clock': {
        const { advanceSeconds } = parseBody(req);
        if (typeof advanceSeconds !== 'number' || advanceSeconds < 0) {
          return json(400, { error: 'advanceSeconds must be a number >= 0' });
        }
        sim.clock.advance(advanceSeconds);
        return json(200, { ok: true, time: sim.clock.now().toISOString() });
      }
      default:
        return json(404, { error: `no control endpoint ${route}` });
    }
  } catch (e) {
    return json(400, { error: (e as Error).message });
  }
}
