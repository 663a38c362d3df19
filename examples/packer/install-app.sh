#!/bin/bash
# Runs once at the bake instance's first boot (cloud-init user data): no SSH needed to provision.
set -euo pipefail
dnf install -y nginx
systemctl enable nginx amazon-ssm-agent chronyd
install -m 0755 /dev/stdin /usr/local/bin/app <<'APP'
#!/bin/sh
echo demo-app
APP
# Leave nothing of this instance behind in the image.
rm -rf /var/lib/cloud/instances/* /root/.bash_history /home/*/.bash_history
