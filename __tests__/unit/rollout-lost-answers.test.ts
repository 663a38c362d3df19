/**
 * A request whose answer was lost is retried by the SDK; when the first attempt was carried out, the
 * retry is refused as if someone else had got there first. Starting the refresh and taking the deploy
 * lock recognise their own work in that refusal (the simulator cannot lose an answer: the client is
 * mocked here). And a default version that cannot be set after a rollout is a warning, not a failure.
 */
import type { InstanceRefresh } from '@aws-sdk/client-auto-scaling';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { GroupState } from '../../src/aws/groups.js';
import type { StepScope } from '../../src/kernel/plan.js';
import type { RolloutConfig } from '../../src/rollout/config.js';
import { takeLock } from '../../src/rollout/lock.js';
import { setDefaultVersions, startRefresh } from '../../src/rollout/refresh.js';

vi.mock('@actions/core');

type Handler = (input: Record<string, any>) => unknown;
const handlers: Record<string, Handler> = {};
const sent: { command: string; input: Record<string, any> }[] = [];

vi.mock('../../src/aws/clients.js', () => ({
  awsClient: () => ({
    send: async (command: { constructor: { name: string }; input: Record<string, any> }) => {
      const name = command.constructor.name.replace(/Command$/, '');
      sent.push({ command: name, input: command.input });
      const handler = handlers[name];
      if (!handler) throw new Error(`unexpected ${name}`);
      return handler(command.input);
    },
  }),
}));

/** An error as the SDK throws it: the code, and how many attempts it made. */
function awsError(code: string, attempts: number): Error {
  return Object.assign(new Error(code), { name: code, $metadata: { attempts, httpStatusCode: 400 } });
}

/** A step scope whose journal is a list: what is open at the end is what the undo would see. */
function journal() {
  const open = new Map<number, Record<string, any>>();
  let next = 1;
  const step = {
    record(undo: Record<string, any>) {
      const id = next++;
      const entry = { ...undo, id, lane: 'l' };
      open.set(id, entry);
      return {
        get entry() {
          return open.get(id) ?? entry;
        },
        update(patch: Record<string, any>) {
          Object.assign(entry, patch);
        },
        settle() {
          open.delete(id);
        },
      };
    },
  } as unknown as StepScope;
  return { step, open };
}

beforeEach(() => {
  for (const key of Object.keys(handlers)) delete handlers[key];
  sent.length = 0;
});

describe('startRefresh when the answer to StartInstanceRefresh was lost', () => {
  const group: GroupState = {
    region: 'us-east-1',
    name: 'web',
    group: { AutoScalingGroupName: 'web' } as GroupState['group'],
    mixed: false,
    templates: [
      {
        sites: [{ kind: 'group' } as never],
        templateId: 'lt-0123',
        templateName: 'web',
        versionRef: '3',
        version: 3,
        imageRef: 'ami-0aaaaaaaaaaaaaaaa',
        ami: 'ami-0aaaaaaaaaaaaaaaa',
      },
    ],
  };
  const config = {
    strategy: 'rolling',
    skipMatching: true,
    autoRollback: true,
    alarms: [],
    scaleInProtectedInstances: 'wait',
    standbyInstances: 'wait',
    instanceWarmup: 60,
  } as unknown as RolloutConfig;
  const versions = new Map([['lt-0123', 4]]);
  const running = (over: Partial<InstanceRefresh> = {}): InstanceRefresh => ({
    InstanceRefreshId: 'ir-ours',
    Status: 'Pending',
    StartTime: new Date(),
    Preferences: { SkipMatching: true, AutoRollback: true },
    DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: 'lt-0123', Version: '4' } },
    ...over,
  });
  const start = (step: StepScope) =>
    startRefresh(group, versions, config, step, { fromAmi: 'ami-0aaaaaaaaaaaaaaaa' } as never);

  it('adopts the refresh its first attempt started: the undo entry stays open with its id', async () => {
    handlers.StartInstanceRefresh = () => {
      throw awsError('InstanceRefreshInProgress', 2);
    };
    handlers.DescribeInstanceRefreshes = () => ({ InstanceRefreshes: [running()] });
    const { step, open } = journal();
    const started = await start(step);
    expect(started.refreshId).toBe('ir-ours');
    expect([...open.values()]).toMatchObject([{ kind: 'stop-instance-refresh', refreshId: 'ir-ours' }]);
  });

  it("does not adopt a refresh with other versions, nor answer a first attempt's refusal with one: it settles and says who runs", async () => {
    for (const [attempts, other] of [
      [
        2,
        running({ DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: 'lt-0123', Version: '2' } } }),
      ],
      [2, running({ StartTime: new Date(Date.now() - 3_600_000) })],
      [1, running()],
    ] as const) {
      handlers.StartInstanceRefresh = () => {
        throw awsError('InstanceRefreshInProgress', attempts);
      };
      handlers.DescribeInstanceRefreshes = () => ({ InstanceRefreshes: [other] });
      const { step, open } = journal();
      await expect(start(step)).rejects.toThrow(
        /already has instance refresh ir-ours running .*Launch template version\(s\) 4 were created but not rolled out/,
      );
      expect(open.size).toBe(0);
    }
  });

  it('leaves the entry open when whether it started cannot be read', async () => {
    handlers.StartInstanceRefresh = () => {
      throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError', $metadata: { attempts: 10 } });
    };
    handlers.DescribeInstanceRefreshes = () => {
      throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError', $metadata: {} });
    };
    const { step, open } = journal();
    await expect(start(step)).rejects.toThrow(/socket hang up/);
    expect(open.size).toBe(1);
  });
});

describe('setDefaultVersions after a refresh that rolled out', () => {
  it('returns a warning naming the template and the version to set by hand instead of failing', async () => {
    handlers.ModifyLaunchTemplate = (input) => {
      if (input.LaunchTemplateId === 'lt-2') throw awsError('UnauthorizedOperation', 1);
      return {};
    };
    const group = {
      region: 'us-east-1',
      name: 'web',
      templates: [
        { templateId: 'lt-1', templateName: 'web' },
        { templateId: 'lt-2', templateName: 'web-arm' },
      ],
    } as unknown as GroupState;
    const warnings = await setDefaultVersions(
      group,
      new Map([
        ['lt-1', 4],
        ['lt-2', 7],
      ]),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /version 7 of launch template web-arm \(lt-2\) could not be made the default: .*--launch-template-id lt-2 --default-version 7/,
    );
    expect(sent.filter((s) => s.command === 'ModifyLaunchTemplate')).toHaveLength(2);
  });
});

describe('takeLock when the answer to PutParameter was lost', () => {
  const scope = journal;
  let stored: Record<string, string>;
  beforeEach(() => {
    stored = {};
    handlers.PutParameter = (input) => {
      // The first attempt lands; its answer is lost and the SDK's retry is refused.
      if (!(input.Name in stored)) stored[input.Name] = input.Value;
      throw awsError('ParameterAlreadyExists', 2);
    };
    handlers.GetParameter = (input) => {
      if (!(input.Name in stored)) throw awsError('ParameterNotFound', 1);
      return { Parameter: { Value: stored[input.Name], Version: 1, DataType: 'text' } };
    };
    handlers.DeleteParameter = (input) => {
      delete stored[input.Name];
      return {};
    };
  });

  it('keeps a lock whose run and since are its own in the undo entry', async () => {
    const { step, open } = scope();
    const lock = await takeLock('us-east-1', ['web', 'api'], { run: '7-1', seconds: 600 }, step);
    expect(lock.entry.names).toEqual(['/ami-action/locks/us-east-1/web', '/ami-action/locks/us-east-1/api']);
    expect([...open.values()]).toHaveLength(1);
    expect(sent.filter((s) => s.command === 'DeleteParameter')).toEqual([]);
  });

  it("still refuses another run's lock, releasing what it took", async () => {
    stored['/ami-action/locks/us-east-1/api'] = JSON.stringify({
      run: '6-1',
      since: new Date().toISOString(),
      expires: new Date(Date.now() + 600_000).toISOString(),
    });
    const { step, open } = scope();
    await expect(takeLock('us-east-1', ['web', 'api'], { run: '7-1', seconds: 600 }, step)).rejects.toThrow(
      /locked by another deploy \(run 6-1/,
    );
    expect(open.size).toBe(0);
    expect(Object.keys(stored)).toEqual(['/ami-action/locks/us-east-1/api']);
  });
});
