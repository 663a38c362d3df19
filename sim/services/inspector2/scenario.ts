/**
 * The Inspector2 part of the default scenario: EC2 scanning on. Seeds (pinned):
 *   { "inspector2": { "ec2Scanning": false } }    turns EC2 scanning off
 *   { "inspector2": { "findings": [{ "amiId": "ami-...", "severity": "CRITICAL",
 *       "title": "CVE-2026-0001 in openssl", "fixAvailable": true }] } }
 * makes every instance launched from that AMI report those findings once scanned. Findings add up
 * across seeds; `ec2Scanning` is changed only when given. A finding naming an `account` is that
 * account's (its instances of the AMI report it); a section naming one is all that account's.
 */
import { accountFor } from '../../core/accounts.js';
import type { SimulatorApi } from '../../core/types.js';
import { type FindingSeed, inspector2State, type SeverityName } from './state.js';

export interface Inspector2ScenarioSection {
  ec2Scanning?: boolean;
  findings?: (FindingSeed & { account?: string })[];
}

export const defaultScenarioSection: Inspector2ScenarioSection = { ec2Scanning: true };

const SEVERITIES: SeverityName[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNTRIAGED'];

export function seedInspector2(section: unknown, sim: SimulatorApi): void {
  const seed = (section ?? {}) as Inspector2ScenarioSection;
  if (seed.ec2Scanning !== undefined) {
    if (typeof seed.ec2Scanning !== 'boolean')
      throw new Error('inspector2.ec2Scanning must be true or false');
    inspector2State(sim).ec2Scanning = seed.ec2Scanning;
  }
  for (const { account, ...finding } of seed.findings ?? []) {
    if (!/^ami-[0-9a-f]{8,17}$/.test(String(finding.amiId))) {
      throw new Error(`inspector2.findings: amiId "${finding.amiId}" is not an AMI id`);
    }
    if (!SEVERITIES.includes(finding.severity)) {
      throw new Error(`inspector2.findings: severity must be one of ${SEVERITIES.join(', ')}`);
    }
    if (typeof finding.title !== 'string' || !finding.title) {
      throw new Error('inspector2.findings: each finding needs a title');
    }
    inspector2State(accountFor(sim, account)).findings.push({ ...finding });
  }
}
