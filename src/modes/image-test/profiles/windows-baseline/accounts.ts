import type { CommandCheck } from '../types.js';

/**
 * EC2Launch gives the built-in Administrator a new random password at first boot (retrieved with the
 * key pair), unless its configuration keeps the one set while baking. A password set before this
 * instance booted came with the AMI: every instance launched from it shares it.
 */
export const localPasswords: CommandCheck = {
  name: 'no-build-time-local-passwords',
  description:
    'No enabled local account (the built-in Administrator included) logs in with a password that came with the AMI, or with none',
  severity: 'error',
  expectExitCode: 0,
  script: `$ErrorActionPreference = 'Stop'
$booted = (Get-CimInstance -ClassName Win32_OperatingSystem).LastBootUpTime
$bad = 0
foreach ($user in Get-LocalUser | Where-Object { $_.Enabled }) {
  $label = $user.Name
  if ($user.SID.Value -like 'S-1-5-21-*-500') { $label = "$($user.Name) (the built-in Administrator)" }
  if (-not $user.PasswordRequired) {
    Write-Output "$label is enabled and needs no password"
    $bad = 1
  } elseif ($null -ne $user.PasswordLastSet -and $user.PasswordLastSet -lt $booted) {
    Write-Output "$label keeps a password set $($user.PasswordLastSet.ToString('u')), before this instance booted $($booted.ToString('u')): it came with the AMI (let EC2Launch set a random one at launch, or disable the account)"
    $bad = 1
  } else {
    Write-Output "\${label}: password set at launch"
  }
}
exit $bad`,
};
