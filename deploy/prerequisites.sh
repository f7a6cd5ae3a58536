#!/usr/bin/env bash
# Installs, with apt-get, what a fresh Debian/Ubuntu machine lacks for the platform (and, with --tests, for its tests).
# Idempotent and quick when everything is present. Needs root (or sudo) only when something must be installed.
#   deploy/prerequisites.sh            PostgreSQL server, the demo photographs
#   deploy/prerequisites.sh --tests    the same, plus Chromium for the browser tests
set -euo pipefail

want=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || want+=(postgresql)
[ -d /usr/share/tuxpaint/stamps/animals ] || want+=(tuxpaint-stamps-default)
if [ "${1:-}" = "--tests" ]; then
  [ -x /usr/bin/chromium ] || want+=(chromium)
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK 10 is required (dotnet not found on PATH). Install it, then run this again." >&2
  exit 1
fi

if [ ${#want[@]} -gt 0 ]; then
  echo "Installing with apt-get: ${want[*]} ..."
  sudo_cmd=()
  [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
fi
