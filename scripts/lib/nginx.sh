# Sourced by scripts/cluster.sh and scripts/test.sh (the cluster tier): nginx from Debian's packages
# when missing. The cluster runs nginx of its own (scripts/cluster/balancer.ts), never the system's.
source "$(dirname "${BASH_SOURCE[0]}")/apt.sh"

ensure_nginx() {
  if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then return 0; fi
  apt_install nginx-light || return 1
  # the package may start the system's nginx on port 80
  (service nginx stop 2>/dev/null || true) >/dev/null 2>&1
}
