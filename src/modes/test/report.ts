/** What a run tells the user: a job summary table, an annotation per failed check, the outputs. */
import * as core from '@actions/core';
import { formatSeconds } from '../../report/format.js';
import { summaryLine, summaryTable } from '../../report/summary.js';
import { escapeXml, stripAnsi } from './junit.js';
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
  return escapeXml(`${cut}${result.truncated ? ' (output truncated by SSM)' : ''}`);
}

export function summarizeResults(amiId: string, results: CheckResult[], extra: string[]): void {
  const { passed, failed } = countResults(results);
  summaryTable(
    `Test of ${amiId}: ${failed ? 'failed' : 'passed'} (${passed} passed, ${failed} failed)`,
    ['check', 'result', 'exit code', 'duration', 'excerpt'],
    results.map((result) => [
      escapeXml(`${suiteName(result)}: ${result.name}`),
      result.passed ? '✅ passed' : '❌ failed',
      result.exitCode ?? '–',
      formatSeconds(result.seconds),
      excerpt(result) || '–',
    ]),
  );
  for (const line of extra) summaryLine(escapeXml(line));
}

export function annotateFailures(results: CheckResult[]): void {
  for (const result of results.filter((entry) => !entry.passed)) {
    const output = stripAnsi([result.stderr, result.stdout].filter(Boolean).join('\n')).trim();
    core.error([result.message, result.description, output.slice(0, 1000)].filter(Boolean).join('\n'), {
      title: `Check failed: ${suiteName(result)}: ${result.name}`,
    });
  }
}
