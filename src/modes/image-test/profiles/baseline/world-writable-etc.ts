import type { CommandCheck } from '../types.js';

export const worldWritableEtc: CommandCheck = {
  name: 'no-world-writable-etc',
  description: 'No world-writable files (or world-writable directories without the sticky bit) under /etc',
  severity: 'error',
  expectExitCode: 0,
  script: String.raw`R=$AMI_ACTION_ROOT
found=$(find "$R/etc" -xdev \( \( -type f -perm -0002 \) -o \( -type d -perm -0002 ! -perm -1000 \) \) -print 2>/dev/null)
if [ -n "$found" ]; then
  echo "world-writable under /etc:"
  echo "$found"
  exit 1
fi
echo "nothing world-writable under /etc"`,
};
