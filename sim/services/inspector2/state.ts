/**
 * The Inspector2 slice (`state.inspector2`): whether the account's EC2 scanning is on, the findings
 * seeded per AMI (every instance launched from it reports them once scanned), and the SBOM exports.
 * Coverage and findings are not stored: each read derives them from the EC2 slice at the simulated now.
 */
import type { SimulatorApi } from '../../core/types.js';

export type SeverityName = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL' | 'UNTRIAGED';

/** A finding every instance of `amiId` reports once scanned (pinned seed shape: amiId, severity, title, fixAvailable). */
export interface FindingSeed {
  amiId: string;
  severity: SeverityName;
  title: string;
  fixAvailable?: boolean;
  /** Default: the CVE id in the title, else a stable `SIM-` id. */
  vulnerabilityId?: string;
  description?: string;
  packageName?: string;
  packageVersion?: string;
  fixedInVersion?: string;
}

export interface SbomExport {
  reportId: string;
  region: string;
  format: string;
  s3Destination: { bucketName: string; keyPrefix?: string; kmsKeyArn: string };
  filterCriteria?: Record<string, unknown>;
  createdAtMs: number;
  /** When it reads SUCCEEDED (or FAILED, with `error`). */
  doneAtMs: number;
  error?: { code: string; message: string };
  /** What it wrote, s3://bucket/key -> the document (the simulator has no S3: kept here to be read). */
  objects: Record<string, unknown>;
}

export interface Inspector2State {
  /** EC2 scanning on for the account (every region). */
  ec2Scanning: boolean;
  findings: FindingSeed[];
  sbomExports: Record<string, SbomExport>;
}

export function initInspector2State(): Inspector2State {
  return { ec2Scanning: false, findings: [], sbomExports: {} };
}

export const inspector2State = (sim: SimulatorApi) => sim.slice<Inspector2State>('inspector2');
