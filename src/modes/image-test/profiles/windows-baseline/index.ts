/**
 * The built-in `baseline` profile for Windows, the counterpart of the Linux one: PowerShell scripts
 * run with AWS-RunPowerShellScript, each printing what it found and exiting 1 on a problem. Reads
 * only: none changes the instance. The image checks (IMDSv2, ENA, encryption, not public, HVM) are
 * the same as on Linux.
 */
import type { Profile } from '../types.js';
import { localPasswords } from './accounts.js';
import { ec2LaunchSecrets } from './ec2launch.js';
import { firewall, listeningPorts, ssmAgent, windowsUpdate } from './services.js';

export const windowsBaseline: Profile = {
  name: 'baseline',
  platforms: ['Windows'],
  imageChecks: true,
  allowedPorts: true,
  checks: [localPasswords, windowsUpdate, ec2LaunchSecrets, ssmAgent, firewall, listeningPorts],
};
