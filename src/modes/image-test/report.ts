/**
 * What a run tells the user: the JUnit file, the outputs, a job summary table, an annotation per failed
 * check. One instance type: a row per check. Several: one table, a row per check and a column per
 * type, with the boot times and Inspector's findings per severity as rows too. Then Inspector's
 * findings, each once.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import type { GateSeverity, VulnerabilityGate } from '../../inputs/test.js';
import { formatSeconds } from '../../report/format.js';
import { type Cell, summaryLine, summaryTable } from '../../report/summary.js';
import type { BootTiming } from './boot.js';
import { junitXml, stripAnsi } from './junit.js';
import { type CheckResult, countResults, suiteName } from './results.js';
import {
  type FindingFacts,
  findingLabel,
  type GateVerdict,
  SEVERITY_ORDER,
  type SeverityCounts,
} from './vulnerabilities.js';

const EXCERPT_CHARS = 160;
/** Findings listed in the summary at most (the JUnit report has every failing one). */
const FINDING_ROWS = 50;

function clip(text: string, chars: number): string {
  const flat = stripAnsi(text).replace(/\s+/g, ' ').trim();
  return flat.length > chars ? `${flat.slice(0, chars)}…` : flat;
}

function excerpt(result: CheckResult): string {
  const text = clip(
    result.passed
      ? result.stdout
      : [result.message, result.stderr || result.stdout].filter(Boolean).join(' '),
    EXCERPT_CHARS,
  );
  return `${text}${result.truncated ? ' (output truncated by SSM)' : ''}`;
}

const verdictOf = (result: CheckResult) =>
  result.passed ? '✅ passed' : result.severity === 'warning' ? '⚠️ warning' : '❌ failed';

function headline(amiId: string, results: CheckResult[], failed: boolean, where = ''): string {
  const { passed, failed: failures, warnings } = countResults(results);
  return `Test of ${amiId}${where}: ${failed ? 'failed' : 'passed'} (${passed} passed, ${failures} failed${warnings ? `, ${warnings} with a warning` : ''})`;
}

export function summarizeResults(
  amiId: string,
  results: CheckResult[],
  extra: string[],
  failed?: boolean,
): void {
  summaryTable(
    headline(amiId, results, failed ?? countResults(results).failed > 0),
    ['check', 'result', 'exit code', 'duration', 'excerpt'],
    results.map((result) => [
      `${suiteName(result)}: ${result.name}`,
      verdictOf(result),
      result.exitCode ?? '–',
      formatSeconds(result.seconds),
      excerpt(result) || '–',
    ]),
  );
  for (const line of extra) summaryLine(line);
}

/** One instance type's column of the summary. */
export interface TypeColumn {
  instanceType: string;
  instanceId: string;
  /** Its own results (the image's checks are shared: given apart). */
  results: CheckResult[];
  boot: BootTiming;
  counts?: SeverityCounts;
  verdict?: GateVerdict;
  findings?: FindingFacts[];
  /** Why its lane did not finish, if it did not. */
  error?: string;
}

const checkKey = (result: CheckResult) =>
  `${result.profile ? `${result.suite}/${result.profile}` : result.suite}: ${result.name}`;

function cell(result: CheckResult | undefined): string {
  if (!result) return '– not run';
  if (result.passed) return `✅ ${formatSeconds(result.seconds)}`;
  return `${result.severity === 'warning' ? '⚠️' : '❌'} ${clip(result.message ?? 'failed', 80)}`;
}

const seconds = (value: number | undefined) => (value === undefined ? '–' : formatSeconds(value));

/** The table of a run on several instance types: a row per check, a column per type. */
export function summarizeByType(
  amiId: string,
  shared: CheckResult[],
  columns: TypeColumn[],
  failed: boolean,
  gate: VulnerabilityGate | undefined,
): void {
  const keys: string[] = [];
  for (const result of [...shared, ...columns.flatMap((c) => c.results)]) {
    const key = checkKey(result);
    if (!keys.includes(key)) keys.push(key);
  }
  const rows: Cell[][] = keys.map((key) => [
    key,
    ...columns.map((column) =>
      cell([...shared, ...column.results].find((result) => checkKey(result) === key)),
    ),
  ]);
  rows.push(
    ['instance', ...columns.map((c) => c.instanceId || '– not launched')],
    ['boot: launch → running', ...columns.map((c) => seconds(c.boot.launchToRunning))],
    ['boot: running → SSM Online', ...columns.map((c) => seconds(c.boot.runningToOnline))],
    ['boot: launch → SSM Online', ...columns.map((c) => seconds(c.boot.total))],
  );
  if (columns.some((c) => c.counts)) {
    for (const severity of SEVERITY_ORDER) {
      const limited = gate?.limits[severity] !== undefined;
      if (!limited && !columns.some((c) => (c.counts?.[severity] ?? 0) > 0)) continue;
      rows.push([
        `Inspector: ${severity}${limited ? ` (limit ${gate?.limits[severity]}${gate?.fixableOnly ? ', fixable' : ''})` : ''}`,
        ...columns.map((c) => severityCell(c, severity)),
      ]);
    }
  }
  rows.push([
    'result',
    ...columns.map((c) =>
      c.error
        ? `❌ did not finish: ${clip(c.error, 80)}`
        : c.results.some((r) => !r.passed && r.severity === 'error') || c.verdict?.passed === false
          ? '❌ failed'
          : '✅ passed',
    ),
  ]);
  const all = [...shared, ...columns.flatMap((c) => c.results)];
  summaryTable(
    headline(amiId, all, failed, ` on ${columns.map((c) => c.instanceType).join(', ')}`),
    ['check', ...columns.map((c) => c.instanceType)],
    rows,
  );
}

function severityCell(column: TypeColumn, severity: GateSeverity): string {
  if (!column.counts) return '–';
  const count = column.counts[severity] ?? 0;
  const counted = column.verdict?.counted[severity];
  const over = column.verdict?.failing.some((f) => f.severity === severity);
  return `${over ? '❌ ' : ''}${count}${counted !== undefined && counted !== count ? ` (${counted} fixable)` : ''}`;
}

/** Inspector's findings per severity on one instance, in a line. */
export function countsLine(counts: SeverityCounts): string {
  return SEVERITY_ORDER.filter((s) => s !== 'UNTRIAGED' || counts[s] > 0)
    .map((s) => `${s} ${counts[s]}`)
    .join(', ');
}

/** Every finding once (the same CVE on several types is one row), the failing ones first. */
export function summarizeFindings(
  columns: TypeColumn[],
  several: boolean,
  gate: VulnerabilityGate | undefined,
): void {
  const rows = new Map<string, { finding: FindingFacts; types: string[]; failing: boolean }>();
  for (const column of columns) {
    for (const finding of column.findings ?? []) {
      const key = `${finding.vulnerabilityId}\u0000${finding.title}\u0000${finding.severity}`;
      const row = rows.get(key) ?? { finding, types: [], failing: false };
      row.types.push(column.instanceType);
      row.failing ||= !!column.verdict?.failing.includes(finding);
      rows.set(key, row);
    }
  }
  if (!rows.size) return;
  const rank = (s: string) => SEVERITY_ORDER.indexOf(s as GateSeverity);
  const sorted = [...rows.values()].sort(
    (a, b) => Number(b.failing) - Number(a.failing) || rank(a.finding.severity) - rank(b.finding.severity),
  );
  summaryTable(
    `Amazon Inspector findings (${rows.size})`,
    [
      'finding',
      'severity',
      'fix available',
      'package',
      ...(several ? ['instance types'] : []),
      ...(gate ? [`vulnerability-gate ${gate.text}`] : []),
    ],
    sorted
      .slice(0, FINDING_ROWS)
      .map(({ finding, types, failing }) => [
        findingLabel(finding),
        finding.severity,
        finding.fixAvailable,
        finding.packages.join('; ') || '–',
        ...(several ? [types.join(', ')] : []),
        ...(gate ? [failing ? '❌ over the limit' : '✅ within'] : []),
      ]),
  );
  if (sorted.length > FINDING_ROWS)
    summaryLine(`…and ${sorted.length - FINDING_ROWS} more (every failing one is in the JUnit report).`);
}

/**
 * An error annotation for each failed check, a warning for each check of severity warning. Failing
 * findings are annotated by the vulnerability gate, once per instance (a finding each would crowd out
 * the rest: GitHub shows a step's first ten error annotations).
 */
export function annotateFailures(results: CheckResult[]): void {
  for (const result of results.filter((entry) => !entry.passed && entry.suite !== 'vulnerabilities')) {
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
  /** The test failed, also when no check did (it could not finish, or a gate failed). */
  failed: boolean;
  testedAt: Date;
  reportDir: string;
  notes: string[];
  /** The job summary's table(s); default: the one-instance table of `results`. */
  summarize?: () => void;
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
  const notes = [...report.notes, `JUnit report: ${path}`];
  if (report.summarize) {
    report.summarize();
    for (const line of notes) summaryLine(line);
  } else summarizeResults(report.amiId, report.results, notes, report.failed);
  annotateFailures(report.results);
}
