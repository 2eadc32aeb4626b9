# Sourced by scripts/cluster.sh and scripts/test.sh (the cluster tier): nginx from Debian's packages
# when missing. The cluster runs nginx of its own (scripts/cluster/balancer.ts), never the system's.
ensure_nginx() {
  if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then return 0; fi
  if [ "$(id -u)" != "0" ]; then
    echo "nginx is not installed and we are not root; install it (Debian: nginx-light)" >&2
    return 1
  fi
  echo "installing nginx from Debian's packages"
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ]; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
  # the package may start the system's nginx on port 80
  (service nginx stop 2>/dev/null || true) >/dev/null 2>&1
}
