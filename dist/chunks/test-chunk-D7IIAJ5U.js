import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{b as y}from"./test-chunk-BDH52IZT.js";import{a as U,b as w}from"./test-chunk-X52BPLIH.js";import{d as m}from"./test-chunk-3AXPYLFI.js";var B={Linux:"AWS-RunShellScript",Windows:"AWS-RunPowerShellScript"};var F=m(U(),1),l=m(w(),1),u=m(y(),1);var z=m(w(),1),c=m(y(),1);var C={name:"no-cloud-init-instance-data",description:"No cloud-init instance data left from the build instance (cloud-init clean before imaging)",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
current=""
if [ -f "$R/var/lib/cloud/data/instance-id" ]; then
  current=$(cat "$R/var/lib/cloud/data/instance-id")
elif [ -L "$R/var/lib/cloud/instance" ]; then
  current=$(basename "$(readlink "$R/var/lib/cloud/instance")")
fi
found=0
for dir in "$R"/var/lib/cloud/instances/*; do
  [ -e "$dir" ] || continue
  if [ "$(basename "$dir")" != "$current" ]; then
    echo "data of another instance left in $dir (this instance: $current)"
    found=1
  fi
done
if [ "$found" = 0 ]; then echo "only this instance's cloud-init data ($current)"; fi
exit "$found"`};var g={name:"only-expected-ports-listening",description:"Only the allowed TCP ports listen on non-loopback addresses (allowed-ports)",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
allowed=" $(echo "$AMI_ACTION_ALLOWED_PORTS" | tr ',' ' ') "
listening=$(
  for table in "$R/proc/net/tcp" "$R/proc/net/tcp6"; do
    [ -f "$table" ] && awk 'NR > 1 && $4 == "0A" { split($2, local, ":"); print local[1], local[2] }' "$table"
  done
)
seen=" "
bad=0
while read -r address hexport; do
  [ -n "$hexport" ] || continue
  case "$address" in
    ??????7F|00000000000000000000000001000000|0000000000000000FFFF0000??????7F) continue ;;
  esac
  port=$(printf '%d' "0x$hexport")
  case "$seen" in *" $port "*) continue ;; esac
  seen="$seen$port "
  case "$allowed" in
    *" $port "*) echo "port $port listens (allowed)" ;;
    *) echo "port $port listens but is not in allowed-ports ($AMI_ACTION_ALLOWED_PORTS)"; bad=1 ;;
  esac
done <<PORTS
$listening
PORTS
if [ "$seen" = " " ]; then echo "no TCP port listens beyond loopback"; fi
exit "$bad"`};var x=`R=$AMI_ACTION_ROOT
running=$(cat "$R"/proc/[0-9]*/comm 2>/dev/null)`,b={name:"time-sync-running",description:"A time synchronisation daemon runs (chronyd, ntpd or systemd-timesyncd)",severity:"error",expectExitCode:0,script:`${x}
for name in $running; do
  case "$name" in
    chronyd|ntpd|ntpsec|openntpd|systemd-timesyn*) echo "time sync: $name is running"; exit 0 ;;
  esac
done
echo "no time sync daemon runs (chronyd, ntpd, systemd-timesyncd)"
exit 1`},P={name:"ssm-agent-running",description:"The SSM agent is installed and running",severity:"error",expectExitCode:0,script:`${x}
binary=""
for path in "$R"/usr/bin/amazon-ssm-agent "$R"/usr/local/bin/amazon-ssm-agent "$R"/snap/amazon-ssm-agent/current/amazon-ssm-agent; do
  if [ -x "$path" ]; then binary=$path; break; fi
done
if [ -z "$binary" ]; then
  echo "amazon-ssm-agent is not installed"
  exit 1
fi
for name in $running; do
  case "$name" in
    amazon-ssm-agen*) echo "amazon-ssm-agent is installed ($binary) and running"; exit 0 ;;
  esac
done
echo "amazon-ssm-agent is installed ($binary) but not running"
exit 1`};var S={name:"no-shell-history",description:"No shell or tool history files left from the bake",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
found=0
for home in "$R"/root "$R"/home/*; do
  for name in .bash_history .zsh_history .sh_history .ash_history .python_history .mysql_history .psql_history .lesshst .viminfo; do
    if [ -s "$home/$name" ]; then
      echo "history left in $home/$name"
      found=1
    fi
  done
done
if [ "$found" = 0 ]; then echo "no history files under /root or /home"; fi
exit "$found"`};var A={name:"no-ssh-authorized-keys",description:"No SSH authorized_keys left from the bake under /root or /home",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
found=0
for home in "$R"/root "$R"/home/*; do
  for file in "$home"/.ssh/authorized_keys "$home"/.ssh/authorized_keys2; do
    if [ -f "$file" ] && grep -qvE '^[[:space:]]*(#|$)' "$file"; then
      echo "keys left in $file"
      found=1
    fi
  done
done
if [ "$found" = 0 ]; then echo "no authorized_keys with keys under /root or /home"; fi
exit "$found"`};function k(e){return`R=$AMI_ACTION_ROOT
conf="$R/etc/ssh/sshd_config"
if [ ! -f "$conf" ]; then
  echo "sshd is not installed (no /etc/ssh/sshd_config)"
  exit 0
fi
value=$(
  {
    if grep -qiE '^[[:space:]]*Include[[:space:]]' "$conf"; then
      for drop in "$R"/etc/ssh/sshd_config.d/*.conf; do
        [ -f "$drop" ] && { echo "#ami-action-next-file"; cat "$drop"; }
      done
    fi
    echo "#ami-action-next-file"
    cat "$conf"
  } | awk '
    /^#ami-action-next-file/ { inMatch = 0; next }
    { sub(/^[[:space:]]+/, ""); n = split($0, word, /[[:space:]=]+/) }
    n == 0 || word[1] ~ /^#/ { next }
    tolower(word[1]) == "match" { inMatch = 1; next }
    !inMatch && tolower(word[1]) == "${e.toLowerCase()}" { print tolower(word[2]); exit }
  '
)`}var O={name:"sshd-no-root-login",description:"sshd does not let root log in (PermitRootLogin no)",severity:"error",expectExitCode:0,script:`${k("PermitRootLogin")}
if [ "$value" = "no" ]; then
  echo "PermitRootLogin no"
  exit 0
fi
echo "PermitRootLogin is \${value:-not set (the default, prohibit-password, lets root log in with a key)}; set PermitRootLogin no"
exit 1`},v={name:"sshd-no-password-login",description:"sshd does not accept passwords (PasswordAuthentication no)",severity:"error",expectExitCode:0,script:`${k("PasswordAuthentication")}
if [ "$value" = "no" ]; then
  echo "PasswordAuthentication no"
  exit 0
fi
echo "PasswordAuthentication is \${value:-not set (the default is yes)}; set PasswordAuthentication no"
exit 1`};var R={name:"no-world-writable-etc",description:"No world-writable files (or world-writable directories without the sticky bit) under /etc",severity:"error",expectExitCode:0,script:String.raw`R=$AMI_ACTION_ROOT
found=$(find "$R/etc" -xdev \( \( -type f -perm -0002 \) -o \( -type d -perm -0002 ! -perm -1000 \) \) -print 2>/dev/null)
if [ -n "$found" ]; then
  echo "world-writable under /etc:"
  echo "$found"
  exit 1
fi
echo "nothing world-writable under /etc"`};var T={name:"baseline",platforms:["Linux"],imageChecks:!0,allowedPorts:!0,checks:[A,S,C,O,v,R,b,P,g]};var E={name:"no-build-time-local-passwords",description:"No enabled local account (the built-in Administrator included) logs in with a password that came with the AMI, or with none",severity:"error",expectExitCode:0,script:`$ErrorActionPreference = 'Stop'
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
exit $bad`};var q=["ProgramData/Amazon/EC2Launch/config/agent-config.yml","ProgramData/Amazon/EC2Launch/sysprep/unattend.xml","ProgramData/Amazon/EC2-Windows/Launch/Config/LaunchConfig.json","ProgramData/Amazon/EC2-Windows/Launch/Sysprep/Unattend.xml","Windows/Panther/Unattend.xml","Windows/Panther/Unattend/Unattend.xml","Windows/System32/Sysprep/unattend.xml"],G=[{what:"a password value",pattern:String.raw`^[ \t]*(admin)?password[ \t]*:[ \t]*['"]?[^'"\s#]`,flags:"m"},{what:"a static password (EC2Launch v2 setAdminAccount)",pattern:String.raw`password[ \t]*:[ \t]*\r?\n[ \t]+type[ \t]*:[ \t]*['"]?static\b`,flags:"m"},{what:"adminPassword (EC2Launch v1)",pattern:String.raw`"adminPassword"\s*:\s*"[^"]+"`,flags:"m"},{what:"a Sysprep answer file password",pattern:String.raw`<(AdministratorPassword|Password)>\s*<Value>(?!\*SENSITIVE\*DATA\*DELETED\*)[^<]+</Value>`,flags:"s"}],f=e=>`'${e.replace(/'/g,"''")}'`,_={name:"no-ec2launch-secrets",description:"No EC2Launch configuration or Sysprep answer file keeps a password",severity:"error",expectExitCode:0,script:`$root = $env:AMI_ACTION_ROOT
if (-not $root) { $root = "$env:SystemDrive/" }
$patterns = @(
${G.map(e=>`  @(${f(`(?${e.flags})${e.pattern}`)}, ${f(e.what)})`).join(`,
`)}
)
$bad = 0
foreach ($relative in @(${q.map(f).join(", ")})) {
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
exit $bad`};var L={name:"windows-update-not-disabled",description:"The Windows Update service (wuauserv) is installed and not disabled, so patches can be installed",severity:"error",expectExitCode:0,script:`$service = Get-Service -Name wuauserv -ErrorAction SilentlyContinue
if ($null -eq $service) {
  Write-Output 'The Windows Update service (wuauserv) is missing'
  exit 1
}
if ("$($service.StartType)" -eq 'Disabled') {
  Write-Output 'Windows Update (wuauserv) is disabled: set its start type to Manual or Automatic so patches can be installed'
  exit 1
}
Write-Output "Windows Update (wuauserv): start type $($service.StartType), $($service.Status)"
exit 0`},I={name:"ssm-agent-running",description:"The SSM agent (AmazonSSMAgent) runs and starts automatically",severity:"error",expectExitCode:0,script:`$agent = Get-Service -Name AmazonSSMAgent -ErrorAction SilentlyContinue
if ($null -eq $agent) {
  Write-Output 'The SSM agent service (AmazonSSMAgent) is not installed'
  exit 1
}
if ("$($agent.Status)" -ne 'Running' -or "$($agent.StartType)" -ne 'Automatic') {
  Write-Output "AmazonSSMAgent is $($agent.Status) with start type $($agent.StartType); it must run and start automatically"
  exit 1
}
Write-Output 'AmazonSSMAgent is running and starts automatically'
exit 0`},W={name:"firewall-on",description:"Windows Defender Firewall is on for the domain, private and public profiles",severity:"error",expectExitCode:0,script:`$bad = 0
foreach ($zone in Get-NetFirewallProfile) {
  if ("$($zone.Enabled)" -eq 'False') {
    Write-Output "firewall profile $($zone.Name) is OFF"
    $bad = 1
  } else {
    Write-Output "firewall profile $($zone.Name) is on"
  }
}
exit $bad`},N={name:"only-expected-ports-listening",description:"Only the allowed TCP ports listen on non-loopback addresses (allowed-ports)",severity:"error",expectExitCode:0,script:`$allowed = @("$env:AMI_ACTION_ALLOWED_PORTS" -split '[,\\s]+' | Where-Object { $_ } | ForEach-Object { [int]$_ })
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
exit $bad`};var j={name:"baseline",platforms:["Windows"],imageChecks:!0,allowedPorts:!0,checks:[E,L,_,I,W,N]};var M={baseline:[T,j]};async function D(e,o,d){let s=M[e];if(s)return s.find(t=>!d||t.platforms.includes(d))??s[0];let r=(0,c.isAbsolute)(e)?e:(0,c.resolve)(o,e),a;try{a=(0,z.readFileSync)(r,"utf8")}catch{throw new Error(`Input 'compliance': "${e}" is neither a built-in profile (${Object.keys(M).join(", ")}) nor a readable file (looked for ${r}).`)}let{parseProfileFile:n}=await import("./test-file-DPR3KAOZ.js"),i=n(a);if(!i.success){let t=i.error.issues.map($=>`${$.path.join(".")||"(top)"}: ${$.message}`);throw new Error(`Compliance profile ${e} is not valid:
${t.join(`
`)}`)}let p=i.data.checks.map(t=>t.id??t.name),h=p.find((t,$)=>p.indexOf(t)!==$);if(h)throw new Error(`Compliance profile ${e} names the check "${h}" twice.`);return{name:i.data.name??(0,c.basename)(e,(0,c.extname)(e)),platforms:i.data.platform?[i.data.platform]:["Linux","Windows"],checks:i.data.checks.map(t=>({name:t.id??t.name,description:t.description,severity:t.severity,script:t.command,expectExitCode:t["expect-exit-code"],expectOutput:t["expect-output"]}))}}function xe({profile:e,check:o}){return e?`${e}/${o.name}`:o.name}function H(e,o,d="Linux"){let s=(0,u.isAbsolute)(e)?e:(0,u.resolve)(o,e),r=!/\s/.test(e)&&(0,l.existsSync)(s)&&(0,l.statSync)(s).isFile(),a=r?(0,l.readFileSync)(s,"utf8"):e;return{name:e,severity:"error",expectExitCode:0,script:r&&d==="Linux"?V(a):a}}function V(e){if(!e.startsWith("#!")||/^#!\s*\/bin\/sh\s*$/.test(e.split(`
`)[0]))return e;let o=`AMI_ACTION_SCRIPT_${(0,F.createHash)("sha256").update(e).digest("hex").slice(0,12)}`;return["script=$(mktemp)",`cat > "$script" <<'${o}'`,e.replace(/\n?$/,""),o,'chmod +x "$script"','"$script"',"status=$?",'rm -f "$script"','exit "$status"'].join(`
`)}async function be(e,o,d){let s=e.smoke.map(n=>({suite:"smoke",check:H(n,d,o)})),r=await Promise.all(e.compliance.map(n=>D(n,d,o))),a=[];for(let n of r){if(!n.platforms.includes(o)){a.push(`${n.name} (written for ${n.platforms.join(", ")}; this AMI is ${o})`);continue}for(let i of n.checks){let p=e.allowedPorts.join(" "),h=n.allowedPorts?o==="Windows"?`$env:AMI_ACTION_ALLOWED_PORTS = '${p}'
${i.script}`:`export AMI_ACTION_ALLOWED_PORTS='${p}'
${i.script}`:i.script;s.push({suite:"compliance",profile:n.name,check:{...i,script:h}})}}return{checks:s,profiles:r,skipped:a}}export{B as a,xe as b,be as c};
