import type { CommandCheck } from '../types.js';

export const shellHistory: CommandCheck = {
  name: 'no-shell-history',
  description: 'No shell or tool history files left from the bake',
  severity: 'error',
  expectExitCode: 0,
  script: `R=$AMI_ACTION_ROOT
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
exit "$found"`,
};
