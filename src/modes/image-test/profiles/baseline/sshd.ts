import type { CommandCheck } from '../types.js';

/**
 * The effective global value of an sshd_config keyword, as sshd reads it: the first value wins,
 * drop-ins under sshd_config.d come first when sshd_config includes them (as distributions put the
 * Include at the top), and `Match` blocks do not count. Prints the value in lower case, or nothing.
 */
function sshdValue(keyword: string): string {
  return `R=$AMI_ACTION_ROOT
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
    !inMatch && tolower(word[1]) == "${keyword.toLowerCase()}" { print tolower(word[2]); exit }
  '
)`;
}

export const sshdRootLogin: CommandCheck = {
  name: 'sshd-no-root-login',
  description: 'sshd does not let root log in (PermitRootLogin no)',
  severity: 'error',
  expectExitCode: 0,
  script: `${sshdValue('PermitRootLogin')}
if [ "$value" = "no" ]; then
  echo "PermitRootLogin no"
  exit 0
fi
echo "PermitRootLogin is \${value:-not set (the default, prohibit-password, lets root log in with a key)}; set PermitRootLogin no"
exit 1`,
};

export const sshdPasswordLogin: CommandCheck = {
  name: 'sshd-no-password-login',
  description: 'sshd does not accept passwords (PasswordAuthentication no)',
  severity: 'error',
  expectExitCode: 0,
  script: `${sshdValue('PasswordAuthentication')}
if [ "$value" = "no" ]; then
  echo "PasswordAuthentication no"
  exit 0
fi
echo "PasswordAuthentication is \${value:-not set (the default is yes)}; set PasswordAuthentication no"
exit 1`,
};
