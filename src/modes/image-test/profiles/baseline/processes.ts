import type { CommandCheck } from '../types.js';

/** Prints the process names (/proc/<pid>/comm, at most 15 characters) of everything running. */
const RUNNING = `R=$AMI_ACTION_ROOT
running=$(cat "$R"/proc/[0-9]*/comm 2>/dev/null)`;

export const timeSync: CommandCheck = {
  name: 'time-sync-running',
  description: 'A time synchronisation daemon runs (chronyd, ntpd or systemd-timesyncd)',
  severity: 'error',
  expectExitCode: 0,
  script: `${RUNNING}
for name in $running; do
  case "$name" in
    chronyd|ntpd|ntpsec|openntpd|systemd-timesyn*) echo "time sync: $name is running"; exit 0 ;;
  esac
done
echo "no time sync daemon runs (chronyd, ntpd, systemd-timesyncd)"
exit 1`,
};

export const ssmAgent: CommandCheck = {
  name: 'ssm-agent-running',
  description: 'The SSM agent is installed and running',
  severity: 'error',
  expectExitCode: 0,
  script: `${RUNNING}
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
exit 1`,
};
