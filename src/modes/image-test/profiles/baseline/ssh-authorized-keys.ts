import type { CommandCheck } from '../types.js';

export const sshAuthorizedKeys: CommandCheck = {
  name: 'no-ssh-authorized-keys',
  description: 'No SSH authorized_keys left from the bake under /root or /home',
  severity: 'error',
  expectExitCode: 0,
  script: `R=$AMI_ACTION_ROOT
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
exit "$found"`,
};
