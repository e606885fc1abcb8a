#!/usr/bin/env bash
# Installs (from Debian's packages) and starts a local RabbitMQ with the management API, for tests and
# local runs where no container engine exists. Idempotent: a running broker is left as it is.
set -euo pipefail
if ! command -v rabbitmq-server >/dev/null 2>&1; then
  echo "Installing rabbitmq-server from Debian's packages..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null
fi
command -v curl >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null; }

# The management plugin serves the HTTP API the hub uses to provision source users and read queue depths.
rabbitmq-plugins enable --offline rabbitmq_management >/dev/null
if ! rabbitmqctl -q status >/dev/null 2>&1; then
  rabbitmq-server -detached
fi
for _ in $(seq 1 60); do
  rabbitmqctl -q await_startup >/dev/null 2>&1 && break
  sleep 2
done
rabbitmqctl -q await_startup
# Online as well: if the package's own service start already ran the node, the offline flag alone is not read.
rabbitmq-plugins -q enable rabbitmq_management >/dev/null
for _ in $(seq 1 60); do
  curl -sf -u guest:guest http://localhost:15672/api/overview >/dev/null && break
  sleep 1
done
curl -sf -u guest:guest http://localhost:15672/api/overview >/dev/null
echo "RabbitMQ $(rabbitmqctl -q version) is up: amqp://localhost:5672, management http://localhost:15672" >&2
