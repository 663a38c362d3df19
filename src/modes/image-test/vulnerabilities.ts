/**
 * The vulnerability gate, on the findings Amazon Inspector reported for one test instance: counts per
 * severity, the findings that fail the gate (every finding of a severity over its limit, counting
 * only fixable ones with fixable-only), the results the JUnit report carries, and the AMI's
 * `ami-action:vulnerabilities` tag value. No AWS call here (inspector.ts reads the findings).
 */
import { GATE_SEVERITIES, type GateSeverity, type VulnerabilityGate } from '../../inputs/test.js';
import type { CheckResult } from './results.js';

/** One finding as the gate and the report need it. */
export interface FindingFacts {
  /** CVE-2026-0001 (or the vendor's id). */
  vulnerabilityId: string;
  title: string;
  severity: GateSeverity;
  /** Inspector's fixAvailable: YES, PARTIAL or NO. */
  fixAvailable: string;
  /** name version (fixed in ...), for the report. */
  packages: string[];
}

export const SEVERITY_ORDER: GateSeverity[] = Object.values(GATE_SEVERITIES);

export type SeverityCounts = Record<GateSeverity, number>;

const fixable = (finding: FindingFacts) =>
  finding.fixAvailable === 'YES' || finding.fixAvailable === 'PARTIAL';

export function countBySeverity(findings: FindingFacts[]): SeverityCounts {
  const counts = Object.fromEntries(SEVERITY_ORDER.map((s) => [s, 0])) as SeverityCounts;
  for (const finding of findings) counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
  return counts;
}

export interface GateVerdict {
  passed: boolean;
  /** Per limited severity: how many counted against its limit. */
  counted: Partial<Record<GateSeverity, number>>;
  /** The findings of every severity over its limit (fixable ones only, with fixable-only). */
  failing: FindingFacts[];
  /** Per severity over its limit, in words: "1 CRITICAL (limit 0)". */
  over: string[];
}

export function judge(findings: FindingFacts[], gate: VulnerabilityGate): GateVerdict {
  const counted: GateVerdict['counted'] = {};
  const failing: FindingFacts[] = [];
  const over: string[] = [];
  for (const severity of SEVERITY_ORDER) {
    const limit = gate.limits[severity];
    if (limit === undefined) continue;
    const matching = findings.filter((f) => f.severity === severity && (!gate.fixableOnly || fixable(f)));
    counted[severity] = matching.length;
    if (matching.length > limit) {
      failing.push(...matching);
      over.push(`${matching.length} ${severity}${gate.fixableOnly ? ' with a fix' : ''} (limit ${limit})`);
    }
  }
  return { passed: failing.length === 0, counted, failing, over };
}

/** "CVE-2026-0001 (CVE-2026-0001 in openssl)": the id, and the title when it says more. */
export function findingLabel(finding: FindingFacts): string {
  return finding.title && finding.title !== finding.vulnerabilityId
    ? `${finding.vulnerabilityId} (${finding.title})`
    : finding.vulnerabilityId;
}

/**
 * `critical=1,high=0,medium=2,low=0,informational=0` (untriaged when there are any): the gate's own
 * syntax, so the tag reads as the input does. The worst count of each severity across the instances.
 */
export function countsTag(counts: SeverityCounts[]): string {
  const worst = (severity: GateSeverity) => Math.max(0, ...counts.map((c) => c[severity] ?? 0));
  return Object.entries(GATE_SEVERITIES)
    .filter(([, severity]) => severity !== 'UNTRIAGED' || worst(severity) > 0)
    .map(([name, severity]) => `${name}=${worst(severity)}`)
    .join(',');
}

/**
 * The gate as JUnit results: a failed case per failing finding, or one passed case naming the counts.
 */
export function gateResults(
  verdict: GateVerdict,
  gate: VulnerabilityGate,
  counts: SeverityCounts,
  instanceType?: string,
): CheckResult[] {
  const base = {
    suite: 'vulnerabilities' as const,
    instanceType,
    severity: 'error' as const,
    seconds: 0,
    stderr: '',
    truncated: false,
  };
  const summary = SEVERITY_ORDER.map((s) => `${s} ${counts[s]}`).join(', ');
  if (verdict.passed) {
    return [
      {
        ...base,
        name: `vulnerability-gate ${gate.text}`,
        description: 'Amazon Inspector findings within the gate',
        passed: true,
        stdout: `Findings: ${summary}.`,
      },
    ];
  }
  return verdict.failing.map((finding) => ({
    ...base,
    name: findingLabel(finding),
    passed: false,
    stdout: [
      `${finding.severity}, fix available: ${finding.fixAvailable}`,
      ...finding.packages.map((p) => `package: ${p}`),
    ].join('\n'),
    message: `${finding.severity} ${finding.vulnerabilityId}: ${finding.title} (fix available: ${finding.fixAvailable}); over vulnerability-gate ${gate.text}: ${verdict.over.join(', ')}.`,
  }));
}
