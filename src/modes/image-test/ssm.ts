/**
 * The half of mode test that talks to SSM: waiting for the agent and running the checks. The mode
 * loads it once the instance is launched, so the SSM client is not on the way to the first AWS call.
 */
export { waitForAgent } from './agent.js';
export { runCheck } from './checks.js';
