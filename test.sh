#!/usr/bin/env bash
# Quick start (2): run the whole test suite (unit, property, store on embedded PostgreSQL and on the service
# at 127.0.0.1:5432, HTTP, browser in headless Chromium, architecture).
set -euo pipefail
cd "$(dirname "$0")"
. bin/find-java.sh
echo "Using JAVA_HOME=$JAVA_HOME"
exec ./mvnw -B verify "$@"
