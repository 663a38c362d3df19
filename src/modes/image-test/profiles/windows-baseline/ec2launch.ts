import type { CommandCheck } from '../types.js';

/**
 * Files that keep passwords in the clear after a bake: EC2Launch v2's agent-config.yml (a
 * setAdminAccount task with a static password), EC2Launch v1's LaunchConfig.json (adminPassword),
 * and Sysprep answer files (unattend.xml: AdministratorPassword / Password values that Windows did not
 * replace with *SENSITIVE*DATA*DELETED*). Paths are read under $env:AMI_ACTION_ROOT when set (tests),
 * else the system drive.
 */
export const EC2LAUNCH_SECRET_FILES = [
  'ProgramData/Amazon/EC2Launch/config/agent-config.yml',
  'ProgramData/Amazon/EC2Launch/sysprep/unattend.xml',
  'ProgramData/Amazon/EC2-Windows/Launch/Config/LaunchConfig.json',
  'ProgramData/Amazon/EC2-Windows/Launch/Sysprep/Unattend.xml',
  'Windows/Panther/Unattend.xml',
  'Windows/Panther/Unattend/Unattend.xml',
  'Windows/System32/Sysprep/unattend.xml',
];

/**
 * What a kept password looks like in those files: .NET regular expressions, matched case-insensitively
 * (PowerShell's -match) with the inline flag given (m: ^ at each line; s: . across lines). They are
 * also valid JavaScript patterns, which is how the unit tests try them on sample files.
 */
export const SECRET_PATTERNS: { what: string; pattern: string; flags: 'm' | 's' }[] = [
  {
    what: 'a password value',
    pattern: String.raw`^[ \t]*(admin)?password[ \t]*:[ \t]*['"]?[^'"\s#]`,
    flags: 'm',
  },
  {
    what: 'a static password (EC2Launch v2 setAdminAccount)',
    pattern: String.raw`password[ \t]*:[ \t]*\r?\n[ \t]+type[ \t]*:[ \t]*['"]?static\b`,
    flags: 'm',
  },
  { what: 'adminPassword (EC2Launch v1)', pattern: String.raw`"adminPassword"\s*:\s*"[^"]+"`, flags: 'm' },
  {
    what: 'a Sysprep answer file password',
    pattern: String.raw`<(AdministratorPassword|Password)>\s*<Value>(?!\*SENSITIVE\*DATA\*DELETED\*)[^<]+</Value>`,
    flags: 's',
  },
];

const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;

export const ec2LaunchSecrets: CommandCheck = {
  name: 'no-ec2launch-secrets',
  description: 'No EC2Launch configuration or Sysprep answer file keeps a password',
  severity: 'error',
  expectExitCode: 0,
  script: `$root = $env:AMI_ACTION_ROOT
if (-not $root) { $root = "$env:SystemDrive/" }
$patterns = @(
${SECRET_PATTERNS.map((p) => `  @(${quoted(`(?${p.flags})${p.pattern}`)}, ${quoted(p.what)})`).join(',\n')}
)
$bad = 0
foreach ($relative in @(${EC2LAUNCH_SECRET_FILES.map(quoted).join(', ')})) {
  $path = Join-Path -Path $root -ChildPath $relative
  if (-not (Test-Path -LiteralPath $path -PathType Leaf)) { continue }
  $text = Get-Content -LiteralPath $path -Raw
  if ($null -eq $text) { continue }
  foreach ($entry in $patterns) {
    if ($text -match $entry[0]) {
      Write-Output "$relative keeps $($entry[1]): remove it before imaging (EC2Launch settings, or let Sysprep delete it)"
      $bad = 1
      break
    }
  }
}
if ($bad -eq 0) { Write-Output 'no EC2Launch or Sysprep file keeps a password' }
exit $bad`,
};
