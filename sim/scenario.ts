/**
 * A scenario is `{ "<signingName>": <section>, ... }`; each model's `seed` reads its own section.
 * The default scenario is assembled from the sections the service modules export.
 */
import { serviceModules } from './services/index.js';

export type Scenario = Record<string, unknown>;

export const ACCOUNT_ID = '123456789012';

export const defaultScenario: Scenario = Object.fromEntries(
  serviceModules
    .filter((m) => m.defaultScenarioSection !== undefined)
    .map((m) => [m.model.signingName, m.defaultScenarioSection]),
);
