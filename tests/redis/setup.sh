#!/bin/sh
# The shared-state tests (tests/it/shared_state.rs) run a real Redis: Debian's and Ubuntu's
# `redis-server` package, installed here when it is missing. Quick when it is already there.
set -eu
if [ -x /usr/bin/redis-server ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "tests/redis/setup.sh: no apt-get here: install redis-server as /usr/bin/redis-server" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  sudo=sudo
fi
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends redis-server
