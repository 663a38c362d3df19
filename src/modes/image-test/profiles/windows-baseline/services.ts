import type { CommandCheck } from '../types.js';

export const windowsUpdate: CommandCheck = {
  name: 'windows-update-not-disabled',
  description:
    'The Windows Update service (wuauserv) is installed and not disabled, so patches can be installed',
  severity: 'error',
  expectExitCode: 0,
  script: `$service = Get-Service -Name wuauserv -ErrorAction SilentlyContinue
if ($null -eq $service) {
  Write-Output 'The Windows Update service (wuauserv) is missing'
  exit 1
}
if ("$($service.StartType)" -eq 'Disabled') {
  Write-Output 'Windows Update (wuauserv) is disabled: set its start type to Manual or Automatic so patches can be installed'
  exit 1
}
Write-Output "Windows Update (wuauserv): start type $($service.StartType), $($service.Status)"
exit 0`,
};

export const ssmAgent: CommandCheck = {
  name: 'ssm-agent-running',
  description: 'The SSM agent (AmazonSSMAgent) runs and starts automatically',
  severity: 'error',
  expectExitCode: 0,
  script: `$agent = Get-Service -Name AmazonSSMAgent -ErrorAction SilentlyContinue
if ($null -eq $agent) {
  Write-Output 'The SSM agent service (AmazonSSMAgent) is not installed'
  exit 1
}
if ("$($agent.Status)" -ne 'Running' -or "$($agent.StartType)" -ne 'Automatic') {
  Write-Output "AmazonSSMAgent is $($agent.Status) with start type $($agent.StartType); it must run and start automatically"
  exit 1
}
Write-Output 'AmazonSSMAgent is running and starts automatically'
exit 0`,
};

export const firewall: CommandCheck = {
  name: 'firewall-on',
  description: 'Windows Defender Firewall is on for the domain, private and public profiles',
  severity: 'error',
  expectExitCode: 0,
  script: `$bad = 0
foreach ($zone in Get-NetFirewallProfile) {
  if ("$($zone.Enabled)" -eq 'False') {
    Write-Output "firewall profile $($zone.Name) is OFF"
    $bad = 1
  } else {
    Write-Output "firewall profile $($zone.Name) is on"
  }
}
exit $bad`,
};

/** Listening sockets bound to loopback only are not reachable from outside and do not count. */
export const listeningPorts: CommandCheck = {
  name: 'only-expected-ports-listening',
  description: 'Only the allowed TCP ports listen on non-loopback addresses (allowed-ports)',
  severity: 'error',
  expectExitCode: 0,
  script: `$allowed = @("$env:AMI_ACTION_ALLOWED_PORTS" -split '[,\\s]+' | Where-Object { $_ } | ForEach-Object { [int]$_ })
$listening = Get-NetTCPConnection -State Listen | Where-Object { $_.LocalAddress -notmatch '^(127\\.|::1$)' } | Sort-Object -Property LocalPort
$seen = @{}
$bad = 0
foreach ($socket in $listening) {
  $port = [int]$socket.LocalPort
  if ($seen.ContainsKey($port)) { continue }
  $seen[$port] = $true
  $process = (Get-Process -Id $socket.OwningProcess -ErrorAction SilentlyContinue).ProcessName
  if ($allowed -contains $port) {
    Write-Output "port $port listens ($process, allowed)"
  } else {
    Write-Output "port $port listens ($process) but is not in allowed-ports ($env:AMI_ACTION_ALLOWED_PORTS)"
    $bad = 1
  }
}
if ($seen.Count -eq 0) { Write-Output 'no TCP port listens beyond loopback' }
exit $bad`,
};
