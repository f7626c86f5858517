#!/bin/sh
# The e-mail tests' SMTP server (aiosmtpd) in a virtual environment, tests/smtp/.venv, which the tests
# use when it exists: a system Python that is "externally managed" (PEP 668: Debian 12, Ubuntu 23.04 and
# later) refuses `pip install` outside one. Quick when it is already set up.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
venv="$here/.venv"
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import aiosmtpd' 2>/dev/null; then
  exit 0
fi
if ! python3 -m venv "$venv"; then
  rm -rf "$venv"
  echo "tests/smtp/setup.sh: python3 cannot create a virtual environment;" \
    "on Debian or Ubuntu: sudo apt-get install python3-venv" >&2
  exit 1
fi
PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/python" -m pip install -q -r "$here/requirements.txt"
