/**
 * JUnit XML as test-report actions read it (dorny/test-reporter, mikepenz/action-junit-report,
 * EnricoMi/publish-unit-test-result-action): one testsuite per suite, one testcase per check.
 */
import { type CheckResult, isFailure, suiteName } from './results.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping terminal escapes is the point
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: characters XML 1.0 cannot carry
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

export function escapeXml(text: string): string {
  return stripAnsi(text)
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function output(result: CheckResult): string {
  const parts = [result.stdout, result.stderr ? `--- stderr ---\n${result.stderr}` : ''];
  if (result.truncated)
    parts.push('--- SSM truncated this output (24,000 characters of stdout, 8,000 of stderr) ---');
  return parts.filter(Boolean).join('\n');
}

function testcase(result: CheckResult, classname: string): string {
  const attributes = `name="${escapeXml(result.name)}" classname="${escapeXml(classname)}" time="${result.seconds.toFixed(3)}"`;
  const body: string[] = [];
  const warning = !result.passed && result.severity === 'warning';
  if (!result.passed && !warning) {
    const message = result.message ?? 'failed';
    body.push(
      `      <failure message="${escapeXml(message)}" type="${result.suite}">${escapeXml(
        [message, result.exitCode === undefined ? '' : `exit code ${result.exitCode}`]
          .filter(Boolean)
          .join('\n'),
      )}</failure>`,
    );
  }
  const text = [warning ? `warning: ${result.message ?? 'failed'}` : '', output(result)]
    .filter(Boolean)
    .join('\n');
  if (text) body.push(`      <system-out>${escapeXml(text)}</system-out>`);
  return body.length
    ? `    <testcase ${attributes}>\n${body.join('\n')}\n    </testcase>`
    : `    <testcase ${attributes}/>`;
}

export function junitXml(results: CheckResult[], title: string, timestamp: Date): string {
  const suites = new Map<string, CheckResult[]>();
  for (const result of results) {
    const name = suiteName(result);
    suites.set(name, [...(suites.get(name) ?? []), result]);
  }
  const total = (list: CheckResult[]) => list.reduce((sum, result) => sum + result.seconds, 0).toFixed(3);
  const failures = (list: CheckResult[]) => list.filter(isFailure).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(title)}" tests="${results.length}" failures="${failures(results)}" errors="0" time="${total(results)}">`,
  ];
  for (const [name, list] of suites) {
    lines.push(
      `  <testsuite name="${escapeXml(name)}" tests="${list.length}" failures="${failures(list)}" errors="0" skipped="0" time="${total(list)}" timestamp="${timestamp.toISOString()}">`,
      ...list.map((result) => testcase(result, `${title}.${name}`)),
      '  </testsuite>',
    );
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
