import type { CommandCheck } from '../types.js';

/**
 * Reads the kernel's TCP tables: state 0A is LISTEN; addresses are hex (IPv4 little-endian, so
 * 127.x ends in 7F). Sockets bound to loopback only are not reachable from outside and do not count.
 * The allowed ports come in AMI_ACTION_ALLOWED_PORTS (the allowed-ports input).
 */
export const listeningPorts: CommandCheck = {
  name: 'only-expected-ports-listening',
  description: 'Only the allowed TCP ports listen on non-loopback addresses (allowed-ports)',
  severity: 'error',
  expectExitCode: 0,
  script: `R=$AMI_ACTION_ROOT
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
exit "$bad"`,
};
