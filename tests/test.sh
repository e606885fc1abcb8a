#!/usr/bin/env bash
# The test command. Does all set-up on a fresh machine (RabbitMQ and PostgreSQL from Debian's packages,
# started locally), runs every test project against them, and ends with one line of totals:
#   N passed, N failed, N skipped
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The vendor guide's Python example is run by a test, with Debian's python3 and pika.
if ! /usr/bin/python3 -c "import pika" >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pika >/dev/null
fi
# The dashboard's browser tests drive Debian's Chromium through Playwright (never `playwright install`).
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
bash deploy/local/start-rabbitmq.sh || { echo "RabbitMQ could not be started"; echo "0 passed, 1 failed"; exit 1; }
pg=$(bash deploy/local/start-postgres.sh | tail -n 1) || { echo "PostgreSQL could not be started"; echo "0 passed, 1 failed"; exit 1; }
export HUB_TEST_POSTGRES="$pg"

log=$(mktemp)
dotnet test IntegrationHub.sln --configuration Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-assembly summaries ("Passed!  - Failed: 0, Passed: 28, Skipped: 0, Total: 28, ...").
read -r passed failed skipped < <(grep -E '^(Passed|Failed)! +- Failed:' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
assemblies=$(grep -cE '^(Passed|Failed)! +- Failed:' "$log")
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # the build or a test host failed before reporting; never print a clean total for a red run
fi
if [ "$assemblies" -eq 0 ]; then
  echo "No test assembly reported results."
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
