#!/bin/sh
# The shared-state tests (tests/it/shared_state.rs) run a real Redis: Debian's and Ubuntu's `redis-server`
# package, installed here when it is missing.
exec sh "$(dirname "$0")/../fixtures/apt-install.sh" /usr/bin/redis-server redis-server tests/redis/setup.sh
