#!/usr/bin/env bash
# Installs every build, test and runtime dependency of factcheck from Debian
# bookworm packages. The single source of truth for the README commands, CI and
# the container build. Idempotent; uses sudo when not run as root.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config ccache git
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev librocksdb-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libicu-dev libstemmer-dev wordnet-base
  libxgboost-dev  # trains the verdict model (tools/gbt_train)
  libssl-dev  # SHA-256 content hashes (also a dependency of libgrpc-dev)
)

SUDO=""
if [[ "$(id -u)" != 0 ]]; then SUDO="sudo"; fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all packages present" >&2
fi
