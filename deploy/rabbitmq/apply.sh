#!/usr/bin/env bash
# Applies deploy/rabbitmq/definitions.json to a running RabbitMQ (vhost, the hub's user, one user per
# source with least privilege, the fragments exchange, reply queues, policies), then sets each user's
# password. Passwords never live in the definitions: they are read from $HUB_SECRETS_DIR/<user>.password,
# and a missing one is generated there (mode 600). Safe to run again after adding a source.
#
#   HUB_SECRETS_DIR=/etc/integrationhub/secrets deploy/rabbitmq/apply.sh
#
# New sources can also be added one at a time with `hub sources add <id> --name ... --password ...`,
# which grants the same permissions through the management API.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
definitions="${1:-$here/definitions.json}"
secrets="${HUB_SECRETS_DIR:-/etc/integrationhub/secrets}"
mkdir -p "$secrets" && chmod 700 "$secrets"

rabbitmqctl -q import_definitions "$definitions"

python3 - "$definitions" <<'PY' | while read -r user; do
import json, sys
for u in json.load(open(sys.argv[1]))["users"]:
    print(u["name"])
PY
  file="$secrets/$user.password"
  if [ ! -s "$file" ]; then
    (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$file")
    echo "generated a password for $user in $file" >&2
  fi
  rabbitmqctl -q change_password "$user" "$(cat "$file")" </dev/null
done
echo "RabbitMQ definitions applied from $definitions" >&2
