import type { CommandCheck } from '../types.js';

/** cloud-init keeps per-instance data under instances/<id>; only this instance's may be there. */
export const cloudInitData: CommandCheck = {
  name: 'no-cloud-init-instance-data',
  description: 'No cloud-init instance data left from the build instance (cloud-init clean before imaging)',
  severity: 'error',
  expectExitCode: 0,
  script: `R=$AMI_ACTION_ROOT
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
exit "$found"`,
};
