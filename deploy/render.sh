#!/usr/bin/env bash
# Regenerates deploy/manifests/ from deploy/chart/kubeward with the Helm that kubeward embeds
# (the files are what `kubeward scan` sees when it renders the chart). It runs the test that
# checks the files match, telling it to write them: run it after changing the chart, and commit
# both. MVN names the Maven command (default ./mvnw).
set -euo pipefail
cd "$(dirname "$0")/.."
"${MVN:-./mvnw}" -q -B test -Dtest=DeployManifestsTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dkubeward.deploy.write=true
git status --short deploy/manifests/ 2>/dev/null || true
