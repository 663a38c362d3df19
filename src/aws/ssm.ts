/**
 * The SSM client's module, loaded on first use. SSM's SDK module registers every one of its ~140
 * error classes when it loads (about 75 KB), and most steps never call SSM, or only late (a parameter
 * written after the copies, a launch template naming `resolve:ssm:`), so it stays off the start-up.
 */
export const loadSsm = () => import('@aws-sdk/client-ssm');
