#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing, then runs the whole Maven build
# (unit tests, integration tests against real OVN/Hazelcast/namespaces, the enforcer, the fat jar).
set -euo pipefail
cd "$(dirname "$0")/.."
bash test-env/install-test-deps.sh
exec mvn -B -ntp verify "$@"
