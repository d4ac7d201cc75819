#!/usr/bin/env bash
# Regenerates social.grakn from Generate.java (deterministic: same arguments, same bytes).
#   examples/social/generate.sh                 # the committed example: 500 people, seed 1
#   examples/social/generate.sh big.grakn 1000000 7   # a bigger backup, for trying things at scale
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
"$root/grakn-migrate" --version >/dev/null   # builds the jar when it is missing or stale
out="${1:-$here/social.grakn}"
exec java ${GENERATE_JAVA_OPTS:-} -cp "$root/grakn-migrate-cli/target/grakn-migrate.jar" "$here/Generate.java" "$out" "${2:-500}" "${3:-1}"
