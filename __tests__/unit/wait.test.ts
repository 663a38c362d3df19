import * as core from '@actions/core';
import { describe, expect, it, vi } from 'vitest';
import { WaitTimeoutError, waitUntil } from '../../src/aws/wait.js';
import { Deadline } from '../../src/kernel/deadline.js';

vi.mock('@actions/core');

describe('waitUntil', () => {
  it('polls until done and logs each status change once', async () => {
    const statuses = ['pending', 'pending', 'copying', 'available'];
    let polls = 0;
    const value = await waitUntil({
      what: 'ami-1',
      deadline: new Deadline(10),
      pollIntervalSeconds: 0.05,
      check: async () => {
        const status = statuses[polls++];
        return status === 'available' ? { done: true, value: 'ok' } : { done: false, status };
      },
    });
    expect(value).toBe('ok');
    expect(polls).toBe(4);
    expect(vi.mocked(core.info).mock.calls.map(([line]) => line.replace(/ \(.*\)$/, ''))).toEqual([
      'ami-1: pending',
      'ami-1: copying',
    ]);
  });

  it('takes a throttled poll as no news and polls again; other errors end the wait', async () => {
    const throttled = Object.assign(new Error('Request limit exceeded.'), { name: 'RequestLimitExceeded' });
    const outcomes = ['pending', throttled, throttled, 'available'];
    let polls = 0;
    const value = await waitUntil({
      what: 'ami-2',
      deadline: new Deadline(10),
      pollIntervalSeconds: 0.05,
      check: async () => {
        const outcome = outcomes[polls++];
        if (outcome instanceof Error) throw outcome;
        return outcome === 'available' ? { done: true, value: 'ok' } : { done: false, status: outcome };
      },
    });
    expect(value).toBe('ok');
    expect(polls).toBe(4);

    const denied = Object.assign(new Error('not authorized'), { name: 'UnauthorizedOperation' });
    await expect(
      waitUntil({
        what: 'ami-3',
        deadline: new Deadline(10),
        pollIntervalSeconds: 0.05,
        check: async () => {
          throw denied;
        },
      }),
    ).rejects.toBe(denied);
  });

  it('times out with the last status and the hint', async () => {
    const error = await waitUntil({
      what: 'the copy',
      deadline: new Deadline(0.2),
      pollIntervalSeconds: 0.05,
      check: async () => ({ done: false, status: 'pending' }),
      timeoutHint: 'Copies of large images can take hours.',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as Error).message).toMatch(
      /waiting for the copy \(last status: pending\)\. Copies of large images/,
    );
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('cancelled')), 100);
    const started = Date.now();
    const error = await waitUntil({
      what: 'x',
      deadline: new Deadline(60),
      pollIntervalSeconds: 30,
      signal: controller.signal,
      check: async () => ({ done: false, status: 'pending' }),
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
