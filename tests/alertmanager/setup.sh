#!/bin/sh
# The relay tests (tests/it/alertmanager.rs) run a real Prometheus Alertmanager (0.25 or later): Debian's and
# Ubuntu's `prometheus-alertmanager` package, installed here when it is missing.
exec sh "$(dirname "$0")/../fixtures/apt-install.sh" /usr/bin/prometheus-alertmanager prometheus-alertmanager \
  tests/alertmanager/setup.sh
