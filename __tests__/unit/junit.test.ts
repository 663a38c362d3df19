import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/modes/test/checks.js';
import { junitXml } from '../../src/modes/test/report.js';

const result = (over: Partial<CheckResult>): CheckResult => ({
  check: {
    id: 'smoke-1',
    suite: 'smoke',
    description: 'x',
    severity: 'error',
    command: 'x',
    expectExitCode: 0,
  },
  outcome: 'passed',
  exitCode: 0,
  seconds: 1.5,
  stdout: '',
  stderr: '',
  truncated: false,
  ...over,
});

describe('JUnit report', () => {
  it('escapes &, < and > and strips ANSI colours and control characters', () => {
    const xml = junitXml('ami-0123', [
      result({
        outcome: 'failed',
        exitCode: 2,
        reason: 'exit code 2, expected 0',
        stdout: '\u001b[31mred\u001b[0m <b> & "q"\u0007',
        truncated: true,
      }),
    ]);
    expect(xml).toContain('red &lt;b&gt; &amp; &quot;q&quot;');
    expect(xml.includes('\u001b') || xml.includes('\u0007')).toBe(false);
    expect(xml).toContain('<failure message="exit code 2, expected 0">');
    expect(xml).toContain('truncated by SSM');
    expect(xml).toContain('tests="1" failures="1"');
  });
});
