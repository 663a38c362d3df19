/** What a run tells the user: the JUnit file, the outputs, a job summary table, an annotation per failed check. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { formatSeconds } from '../../report/format.js';
import { summaryLine, summaryTable } from '../../report/summary.js';
import { junitXml, stripAnsi } from './junit.js';
import { type CheckResult, countResults, suiteName } from './results.js';

const EXCERPT_CHARS = 160;

function excerpt(result: CheckResult): string {
  const text = stripAnsi(
    result.passed
      ? result.stdout
      : [result.message, result.stderr || result.stdout].filter(Boolean).join(' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
  const cut = text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
  return `${cut}${result.truncated ? ' (output truncated by SSM)' : ''}`;
}

export function summarizeResults(amiId: string, results: CheckResult[], extra: string[]): void {
  const { passed, failed, warnings } = countResults(results);
  summaryTable(
    `Test of ${amiId}: ${failed ? 'failed' : 'passed'} (${passed} passed, ${failed} failed${warnings ? `, ${warnings} with a warning` : ''})`,
    ['check', 'result', 'exit code', 'duration', 'excerpt'],
    results.map((result) => [
      `${suiteName(result)}: ${result.name}`,
      result.passed ? '✅ passed' : result.severity === 'warning' ? '⚠️ warning' : '❌ failed',
      result.exitCode ?? '–',
      formatSeconds(result.seconds),
      excerpt(result) || '–',
    ]),
  );
  for (const line of extra) summaryLine(line);
}

/** An error annotation for each failed check, a warning for each check of severity warning. */
export function annotateFailures(results: CheckResult[]): void {
  for (const result of results.filter((entry) => !entry.passed)) {
    const output = stripAnsi([result.stderr, result.stdout].filter(Boolean).join('\n')).trim();
    const text = [result.message, result.description, output.slice(0, 1000)].filter(Boolean).join('\n');
    const name = `${suiteName(result)}: ${result.name}`;
    if (result.severity === 'warning') core.warning(text, { title: `Check warning: ${name}` });
    else core.error(text, { title: `Check failed: ${name}` });
  }
}

export interface RunReport {
  amiId: string;
  results: CheckResult[];
  /** The test failed, also when no check did (it could not finish). */
  failed: boolean;
  testedAt: Date;
  reportDir: string;
  notes: string[];
}

export function reportResults(report: RunReport): void {
  const { passed, failed } = countResults(report.results);
  mkdirSync(report.reportDir, { recursive: true });
  const path = join(report.reportDir, `test-${report.amiId}-${process.pid}.xml`);
  writeFileSync(path, junitXml(report.results, `ami-action test ${report.amiId}`, report.testedAt));
  core.setOutput('result', report.failed ? 'failed' : 'passed');
  core.setOutput('passed', String(passed));
  core.setOutput('failed', String(failed));
  core.setOutput('report', path);
  summarizeResults(report.amiId, report.results, [...report.notes, `JUnit report: ${path}`]);
  annotateFailures(report.results);
}
