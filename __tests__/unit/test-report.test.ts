import * as core from '@actions/core';
import { describe, expect, it, vi } from 'vitest';
import { annotateFailures } from '../../src/modes/image-test/report.js';
import type { CheckResult } from '../../src/modes/image-test/results.js';

vi.mock('@actions/core');

const result = (name: string, severity: CheckResult['severity'], passed: boolean): CheckResult => ({
  suite: 'compliance',
  profile: 'baseline',
  name,
  severity,
  passed,
  seconds: 1,
  stdout: '',
  stderr: '',
  truncated: false,
  message: `${name} said no`,
});

describe('check annotations', () => {
  it('a failed check is an error, a check of severity warning a warning, a passed check nothing', () => {
    annotateFailures([
      result('sshd-no-root-login', 'error', false),
      result('encrypted-root', 'warning', false),
      result('no-telnet', 'error', true),
    ]);
    expect(vi.mocked(core.error).mock.calls).toEqual([
      ['sshd-no-root-login said no', { title: 'Check failed: compliance/baseline: sshd-no-root-login' }],
    ]);
    expect(vi.mocked(core.warning).mock.calls).toEqual([
      ['encrypted-root said no', { title: 'Check warning: compliance/baseline: encrypted-root' }],
    ]);
  });
});
