/**
 * The Amazon Inspector (v2) service model (restJson1, signing name `inspector2`): the account status,
 * EC2 coverage and findings derived from the simulated EC2 and SSM, and SBOM exports.
 */
import type { ServiceModel } from '../../core/types.js';
import { BatchGetAccountStatus } from './account.js';
import { ListCoverage } from './coverage.js';
import { ListFindings } from './findings.js';
import { CreateSbomExport, GetSbomExport } from './sbom.js';
import { seedInspector2 } from './scenario.js';
import { initInspector2State } from './state.js';

export const inspector2: ServiceModel = {
  signingName: 'inspector2',
  handlers: { BatchGetAccountStatus, ListCoverage, ListFindings, CreateSbomExport, GetSbomExport },
  initState: initInspector2State,
  seed: seedInspector2,
};
