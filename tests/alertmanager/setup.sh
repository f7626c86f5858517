#!/bin/sh
# The relay tests (tests/it/alertmanager.rs) run a real Prometheus Alertmanager: Debian's and Ubuntu's
# `prometheus-alertmanager` package, installed here when it is missing. Quick when it is already there.
set -eu
if [ -x /usr/bin/prometheus-alertmanager ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "tests/alertmanager/setup.sh: no apt-get here: install Prometheus Alertmanager 0.25 or later" \
    "as /usr/bin/prometheus-alertmanager" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  sudo=sudo
fi
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends prometheus-alertmanager
