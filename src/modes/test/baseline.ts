/**
 * The built-in `baseline` compliance profile for Linux AMIs, from the usual hardening advice for
 * images: nothing of the bake left behind, sshd locked down, no world-writable configuration, time
 * sync and the SSM agent running, only expected ports listening. Each check is a POSIX shell script
 * that exits 0 when the image complies; `AMI_ACTION_ROOT` (empty on the instance) lets the unit tests
 * run them against a fixture directory standing in for `/`.
 */
import type { Check } from './checks.js';

// biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a template.
const ROOT = 'root="${AMI_ACTION_ROOT:-}"';

/** The first value of an sshd directive, as sshd reads it: drop-ins first, then sshd_config. */
const SSHD_FIRST = (directive: string) => `${ROOT}
value=$(cat "$root"/etc/ssh/sshd_config.d/*.conf "$root"/etc/ssh/sshd_config 2>/dev/null \\
  | awk 'tolower($1) == "${directive.toLowerCase()}" { print tolower($2); exit }')`;

export const BASELINE_SCRIPTS: Record<string, { description: string; script: string }> = {
  'no-authorized-keys': {
    description: 'No SSH authorized_keys left from the bake',
    script: `${ROOT}
found=$(find "$root"/root/.ssh "$root"/home/*/.ssh -name authorized_keys -size +0 2>/dev/null)
[ -z "$found" ] || { echo "authorized_keys left: $found"; exit 1; }`,
  },
  'no-shell-history': {
    description: 'No shell history left from the bake',
    script: `${ROOT}
found=$(find "$root"/root "$root"/home -maxdepth 2 -name '.*_history' -size +0 2>/dev/null)
[ -z "$found" ] || { echo "shell history left: $found"; exit 1; }`,
  },
  'no-cloud-init-instance-data': {
    description: "No cloud-init instance data from the bake's instance",
    script: `${ROOT}
found=$(ls -A "$root"/var/lib/cloud/instances 2>/dev/null)
[ -z "$found" ] || { echo "cloud-init instance data left: $found"; exit 1; }`,
  },
  'sshd-no-root-login': {
    description: 'sshd refuses root login',
    script: `${SSHD_FIRST('PermitRootLogin')}
[ "$value" = "no" ] || { echo "PermitRootLogin is \${value:-unset (default prohibit-password)}, want no"; exit 1; }`,
  },
  'sshd-no-password-login': {
    description: 'sshd refuses password login',
    script: `${SSHD_FIRST('PasswordAuthentication')}
[ "$value" = "no" ] || { echo "PasswordAuthentication is \${value:-unset (default yes)}, want no"; exit 1; }`,
  },
  'no-world-writable-etc': {
    description: 'No world-writable files under /etc',
    script: `${ROOT}
found=$(find "$root"/etc -xdev -type f -perm -0002 2>/dev/null)
[ -z "$found" ] || { echo "world-writable: $found"; exit 1; }`,
  },
  'time-sync-running': {
    description: 'Time synchronisation is running (chronyd, systemd-timesyncd or ntpd)',
    script: `for unit in chronyd chrony systemd-timesyncd ntpd; do
  systemctl is-active --quiet "$unit" && { echo "$unit is active"; exit 0; }
done
echo "no time sync service is active"; exit 1`,
  },
  'ssm-agent-running': {
    description: 'The SSM agent is installed and running',
    script: `for unit in amazon-ssm-agent snap.amazon-ssm-agent.amazon-ssm-agent; do
  systemctl is-active --quiet "$unit" && { echo "$unit is active"; exit 0; }
done
echo "the SSM agent is not running"; exit 1`,
  },
  'only-allowed-ports': {
    description: 'Only the allowed TCP ports listen beyond loopback',
    script: `allowed=" \${ALLOWED_PORTS:-22} "
bad=""
for address in $(ss -Htln | awk '{ print $4 }'); do
  case "$address" in 127.*|\\[::1\\]*|::1*) continue ;; esac
  port="\${address##*:}"
  case "$allowed" in *" $port "*) ;; *) bad="$bad $port" ;; esac
done
[ -z "$bad" ] || { echo "listening on ports not allowed:$bad (allowed:$allowed)"; exit 1; }`,
  },
};

export function baselineChecks(allowedPorts: string[]): Check[] {
  return Object.entries(BASELINE_SCRIPTS).map(([name, { description, script }]) => ({
    id: `baseline/${name}`,
    suite: 'baseline',
    description,
    severity: 'error',
    command: name === 'only-allowed-ports' ? `ALLOWED_PORTS="${allowedPorts.join(' ')}"\n${script}` : script,
    expectExitCode: 0,
  }));
}
