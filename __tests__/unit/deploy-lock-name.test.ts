import { describe, expect, it } from 'vitest';
import { lockName } from '../../src/rollout/lock.js';

describe('the deploy lock parameter name', () => {
  it('keeps a plain group name as it is', () => {
    expect(lockName('us-east-1', 'demo-app')).toBe('/ami-action/locks/us-east-1/demo-app');
  });

  it('escapes what SSM parameter names cannot hold, and never maps two group names to one lock', () => {
    // Auto Scaling allows printable ASCII in group names; SSM only letters, digits, _ . - and /.
    const names = ['web (blue)', 'a/b', 'a_2fb', 'my_app', 'my@app', 'app+1'];
    const locks = names.map((name) => lockName('eu-west-1', name));
    for (const lock of locks) expect(lock).toMatch(/^\/ami-action\/locks\/eu-west-1\/[A-Za-z0-9_.-]+$/);
    expect(new Set(locks).size).toBe(names.length);
    expect(lockName('eu-west-1', 'a/b')).toBe('/ami-action/locks/eu-west-1/a_2fb');
  });
});
