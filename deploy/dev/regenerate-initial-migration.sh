#!/usr/bin/env bash
# Until the first release there is one migration per provider, "Initial", regenerated whenever the model
# changes (no database outside a test has ever been migrated). After release, add migrations instead.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet tool restore >/dev/null
rm -f src/IntegrationHub.Persistence/Migrations/*/*.cs
for provider in Sqlite Postgres SqlServer; do
  dotnet ef migrations add Initial --project src/IntegrationHub.Persistence \
    --context "${provider}HubDbContext" --output-dir "Migrations/${provider}" \
    --namespace "IntegrationHub.Persistence.Migrations.${provider}" ${EF_NO_BUILD:+--no-build}
  export EF_NO_BUILD=1
done
