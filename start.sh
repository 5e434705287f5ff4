#!/usr/bin/env bash
# Quick start (1): build OpenETS and start it on its embedded PostgreSQL with demo data at http://localhost:8080.
set -euo pipefail
cd "$(dirname "$0")"
. bin/find-java.sh
echo "Using JAVA_HOME=$JAVA_HOME"
./mvnw -B -q -DskipTests -pl server,cli -am package
exec "$JAVA_HOME/bin/java" -jar server/target/openets-server-0.1.0-SNAPSHOT.jar --openets.demo=true --openets.database.embedded-port=54329 "$@"
