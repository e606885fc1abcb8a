#!/usr/bin/env bash
# Until the first release there is one migration per provider, "Initial", regenerated whenever the model
# changes (no database outside a test has ever been migrated). After release, add migrations instead.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet tool restore >/dev/null
project=src/IntegrationHub.Persistence
rm -rf "$project"/Migrations/*/*.cs "$project/IntegrationHub"
for provider in Sqlite Postgres SqlServer; do
  dotnet ef migrations add Initial --project "$project" \
    --context "${provider}HubDbContext" --output-dir "Migrations/${provider}" \
    --namespace "IntegrationHub.Persistence.Migrations.${provider}" ${EF_NO_BUILD:+--no-build}
  export EF_NO_BUILD=1
done
# Without an earlier snapshot, dotnet-ef places the new one by namespace; keep it beside its migration.
for snapshot in $(find "$project/IntegrationHub" -name '*ModelSnapshot.cs' 2>/dev/null); do
  provider=$(basename "$(dirname "$snapshot")")
  mv "$snapshot" "$project/Migrations/$provider/"
done
rm -rf "$project/IntegrationHub"
