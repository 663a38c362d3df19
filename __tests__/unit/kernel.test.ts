import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/kernel/apply.js';
import { Deadline } from '../../src/kernel/deadline.js';
import { Journal } from '../../src/kernel/journal.js';
import { change, type Plan } from '../../src/kernel/plan.js';
import { readJournal, type SavedJournal } from '../../src/kernel/state.js';
import { ForeignStream, printForeign } from '../../src/report/foreign.js';

describe('Deadline', () => {
  it('is one budget: what is left shrinks, a part of it never outlasts it, and its label says whose it is', async () => {
    const deadline = new Deadline(0.3);
    expect(deadline.label).toBe('timeout 0.3s');
    const part = deadline.within(60, '60s for SSM to accept it');
    expect(part.label).toBe('timeout 0.3s');
    expect(part.remainingSeconds()).toBeLessThanOrEqual(0.3);
    expect(new Deadline(600).within(60, '60s for SSM').label).toBe('60s for SSM');
    await deadline.sleep(10_000);
    expect(deadline.expired).toBe(true);
    expect(deadline.remainingMs()).toBe(0);
  });
});

describe('Journal', () => {
  it('saves every change, lists the open entries newest first, and forgets settled ones', () => {
    const saved: SavedJournal[] = [];
    const journal = new Journal('test', (j) => saved.push(structuredClone(j)));
    const instance = journal.record('', {
      kind: 'terminate-instances',
      region: 'us-east-1',
      clientToken: 't',
      instanceIds: [],
    });
    instance.update({ instanceIds: ['i-1'] });
    const lock = journal.record('g', {
      kind: 'release-lock',
      region: 'us-east-1',
      groups: ['g'],
      value: 'run',
    });
    expect(journal.openEntries().map((e) => e.kind)).toEqual(['release-lock', 'terminate-instances']);
    expect(journal.openEntries('g').map((e) => e.kind)).toEqual(['release-lock']);
    instance.settle();
    expect(saved.at(-1)?.entries).toEqual([{ ...lock.entry }]);
    expect(saved).toHaveLength(4);
  });

  it('reads back only a journal that is well-formed and of the mode asking', () => {
    const journal = {
      version: 1,
      mode: 'deploy',
      entries: [
        {
          id: 1,
          lane: 'web',
          kind: 'stop-instance-refresh',
          region: 'us-east-1',
          group: 'web',
          autoRollback: true,
        },
      ],
    };
    const env = (value: unknown) => ({
      STATE_journal: typeof value === 'string' ? value : JSON.stringify(value),
    });
    expect(readJournal('deploy', env(journal))).toEqual({ ok: true, value: journal });
    expect(readJournal('deploy', {})).toEqual({ ok: true, value: undefined });
    expect(readJournal('rollback', env(journal))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/written by mode deploy, not rollback/),
    });
    expect(readJournal('deploy', env('[1,'))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/is not JSON/),
    });
    const unknownKind = { ...journal, entries: [{ id: 1, lane: '', kind: 'format-disk' }] };
    expect(readJournal('deploy', env(unknownKind))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/malformed at entries\.0/),
    });
  });
});

describe('foreign text', () => {
  const hostile =
    '::set-output name=result::passed\n  ::add-mask::x\n##[error]owned\n::stop-commands::abc\n::error::owned';

  it('prints between stop-commands markers whose token the text does not carry', () => {
    let out = '';
    printForeign(hostile, (chunk) => {
      out += chunk;
    });
    const lines = out.trimEnd().split('\n');
    const token = /^::stop-commands::([0-9a-f]{32})$/.exec(lines[0])?.[1];
    expect(token).toBeDefined();
    expect(lines.at(-1)).toBe(`::${token}::`);
    expect(lines.slice(1, -1).join('\n')).toBe(hostile);
    expect(hostile).not.toContain(token);
  });

  it('a stream closes its block for an annotation of the action and opens a new one with a fresh token after', () => {
    let out = '';
    const stream = new ForeignStream((chunk) => {
      out += chunk;
    });
    stream.line('::error::from packer');
    stream.command(() => {
      out += '::error title=packer::real\n';
    });
    stream.line('more');
    stream.close();
    const tokens = [...out.matchAll(/^::stop-commands::(\w+)$/gm)].map((m) => m[1]);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).not.toBe(tokens[1]);
    const lines = out.trimEnd().split('\n');
    expect(lines).toEqual([
      `::stop-commands::${tokens[0]}`,
      '::error::from packer',
      `::${tokens[0]}::`,
      '::error title=packer::real',
      `::stop-commands::${tokens[1]}`,
      'more',
      `::${tokens[1]}::`,
    ]);
  });
});

describe('applyPlan', () => {
  const scope = () => ({
    context: { runId: '1', runAttempt: '1', repository: 'o/r', workflow: 'w', job: 'j' } as never,
    deadline: new Deadline(60),
    pollIntervalSeconds: 1,
    dryRun: false,
    journal: new Journal('publish', () => {}),
  });

  it('starts a lane only once the lanes it comes after are done, and never when one failed', async () => {
    const events: string[] = [];
    const step = (name: string, ms: number, fail = false) =>
      change(name, [], async () => {
        events.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        events.push(`end ${name}`);
        if (fail) throw new Error(`${name} broke`);
      });
    const plan: Plan = {
      facts: [],
      refusals: [],
      lanes: [
        { name: 'acct/eu', steps: [step('copy into acct eu', 1)], after: ['eu'] },
        { name: 'eu', steps: [step('share eu', 20)] },
        { name: 'us', steps: [step('share us', 5, true)] },
        { name: 'acct/us', steps: [step('copy into acct us', 1)], after: ['us'] },
      ],
      report: () => {},
    };
    const outcome = await applyPlan(plan, scope(), {});
    expect(events.indexOf('start copy into acct eu')).toBeGreaterThan(events.indexOf('end share eu'));
    expect(events).not.toContain('start copy into acct us');
    expect(outcome.lanes.map((lane) => [lane.name, lane.error?.message ?? 'ok'])).toEqual([
      ['acct/eu', 'ok'],
      ['eu', 'ok'],
      ['us', 'share us broke'],
      ['acct/us', 'not started: us failed'],
    ]);
    expect(outcome.lanes[3].steps.map((s) => s.status)).toEqual(['skipped']);
  });

  it('runs at most the pool size of a pool at once; a lane waiting for another holds no slot', async () => {
    let running = 0;
    let most = 0;
    const step = (name: string) =>
      change(name, [], async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
      });
    const lanes: Plan['lanes'] = Array.from({ length: 6 }, (_, i) => ({
      name: `lane-${i}`,
      steps: [step(`work ${i}`)],
      pool: 'p',
      // The first lane of the pool waits for the last: were its slot taken while waiting, the pool would deadlock.
      after: i === 0 ? ['lane-5'] : undefined,
    }));
    const outcome = await applyPlan(
      { facts: [], refusals: [], lanes, pools: { p: 1 }, report: () => {} },
      scope(),
      {},
    );
    expect(most).toBe(1);
    expect(outcome.lanes.every((lane) => !lane.error)).toBe(true);
  });
});
