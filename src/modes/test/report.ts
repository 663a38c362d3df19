/** The test's report: job summary table, JUnit XML for test-report actions, an annotation per failure. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { formatSeconds } from '../../report/format.js';
import { summaryTable } from '../../report/summary.js';
import type { CheckResult } from './checks.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes start with ESC.
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
// XML 1.0 allows no control characters but tab, newline and carriage return.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to remove.
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

export function xmlText(text: string): string {
  return text
    .replace(ANSI, '')
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function excerpt(result: CheckResult, length = 120): string {
  const text =
    (result.reason ? `${result.reason}. ` : '') + (result.stderr || result.stdout).replace(ANSI, '');
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}

export function junitXml(amiId: string, results: CheckResult[]): string {
  const failures = results.filter((r) => r.outcome === 'failed').length;
  const seconds = results.reduce((sum, r) => sum + r.seconds, 0);
  const cases = results.map((r) => {
    const attrs = `classname="${xmlText(r.check.suite)}" name="${xmlText(r.check.id)}" time="${r.seconds.toFixed(3)}"`;
    const output = [
      r.exitCode === undefined ? '' : `exit code: ${r.exitCode}`,
      r.stdout && `stdout:\n${r.stdout}`,
      r.stderr && `stderr:\n${r.stderr}`,
      r.truncated ? '(output truncated by SSM at 24,000 characters)' : '',
    ]
      .filter(Boolean)
      .join('\n');
    const failure =
      r.outcome === 'failed'
        ? `\n      <failure message="${xmlText(r.reason ?? 'failed')}">${xmlText(output)}</failure>`
        : '';
    const warning =
      r.outcome === 'warning'
        ? `\n      <properties><property name="warning" value="${xmlText(r.reason ?? '')}"/></properties>`
        : '';
    return `    <testcase ${attrs}>${warning}${failure}\n      <system-out>${xmlText(output)}</system-out>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ami-action test" tests="${results.length}" failures="${failures}" time="${seconds.toFixed(3)}">`,
    `  <testsuite name="${xmlText(amiId)}" tests="${results.length}" failures="${failures}" errors="0" time="${seconds.toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

export function writeJunit(dir: string, amiId: string, results: CheckResult[]): string {
  const path = join(dir, `ami-action-test-${amiId}.xml`);
  writeFileSync(path, junitXml(amiId, results));
  return path;
}

export function reportResults(amiId: string, instanceId: string | undefined, results: CheckResult[]): void {
  for (const r of results) {
    const line = `${r.outcome.toUpperCase()} ${r.check.id}: ${r.check.description}${r.reason ? ` (${r.reason})` : ''}`;
    if (r.outcome === 'failed') core.error(`${excerpt(r, 500)}`, { title: `AMI test failed: ${r.check.id}` });
    else if (r.outcome === 'warning')
      core.warning(`${r.check.id}: ${r.reason}`, { title: 'AMI test warning' });
    core.info(line);
  }
  const passed = results.filter((r) => r.outcome !== 'failed').length;
  summaryTable(
    `Test of ${amiId}${instanceId ? ` on ${instanceId}` : ''}: ${passed}/${results.length} passed`,
    ['check', 'result', 'exit code', 'duration', 'excerpt'],
    results.map((r) => [
      r.check.id,
      r.outcome === 'passed' ? '✅ passed' : r.outcome === 'warning' ? '⚠️ warning' : '❌ failed',
      r.exitCode,
      formatSeconds(r.seconds),
      excerpt(r),
    ]),
  );
}
