/**
 * The SSM document that runs a script on each platform. Apart from run-command.ts so that naming it
 * (mode test's plan does) does not load the SSM client.
 */
import type { Platform } from './images.js';

export const DOCUMENT: Record<Platform, string> = {
  Linux: 'AWS-RunShellScript',
  Windows: 'AWS-RunPowerShellScript',
};
