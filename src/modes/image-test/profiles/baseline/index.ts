/**
 * The built-in `baseline` profile for Linux, from the usual AMI hardening advice. Each check is a
 * POSIX shell script that reads the filesystem under $AMI_ACTION_ROOT (empty on the instance), so
 * unit tests run it against a fixture directory standing in for /.
 */
import type { Profile } from '../types.js';
import { cloudInitData } from './cloud-init-data.js';
import { listeningPorts } from './listening-ports.js';
import { ssmAgent, timeSync } from './processes.js';
import { shellHistory } from './shell-history.js';
import { sshAuthorizedKeys } from './ssh-authorized-keys.js';
import { sshdPasswordLogin, sshdRootLogin } from './sshd.js';
import { worldWritableEtc } from './world-writable-etc.js';

export const baseline: Profile = {
  name: 'baseline',
  platforms: ['Linux'],
  imageChecks: true,
  allowedPorts: true,
  checks: [
    sshAuthorizedKeys,
    shellHistory,
    cloudInitData,
    sshdRootLogin,
    sshdPasswordLogin,
    worldWritableEtc,
    timeSync,
    ssmAgent,
    listeningPorts,
  ],
};
