# Sourced by scripts/setup.sh and scripts/lib/nginx.sh: installs Debian packages (as root; the
# package lists refreshed when older than a day). Not root: says what is missing and fails.
apt_install() {
  if [ "$(id -u)" != "0" ]; then
    echo "$* missing and not root; install them with your package manager" >&2
    return 1
  fi
  echo "installing $* from Debian's packages"
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ]; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
