#!/usr/bin/env bash
# Installs every build, test and runtime dependency of factcheck from Debian
# bookworm packages. The single source of truth for the README commands, CI and
# the container build. Idempotent; uses sudo when not run as root.
# With --runtime: only what the built binaries need to run.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config ccache git
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev librocksdb-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libicu-dev libstemmer-dev wordnet-base
  libxgboost-dev  # trains the verdict model (tools/gbt_train)
  libssl-dev  # SHA-256 content hashes (also a dependency of libgrpc-dev)
  prometheus-cpp-dev  # factcheckd --metrics_listen: /metrics (services/metrics)
  python3 python3-yaml  # tests/deploy: checks the rendered k8s manifests
  clang-14 libclang-rt-14-dev  # scripts/fuzz.sh: libFuzzer targets (fuzz/)
)

# What factcheckd and the factcheck CLI need at run time (the container's
# runtime stage): `install-deps.sh --runtime`. Keep in step with PACKAGES.
RUNTIME_PACKAGES=(
  ca-certificates
  libabsl20220623 libgrpc++1.51 libgrpc29 libprotobuf32 libc-ares2 libre2-9
  libssl3 libicu72 libstemmer0d wordnet-base
  liblz4-1 libsnappy1v5 libzstd1 libbz2-1.0 zlib1g  # RocksDB's compressions
  libprometheus-cpp-core1.0 libprometheus-cpp-pull1.0 libcivetweb1
)
if [[ "${1:-}" == "--runtime" ]]; then
  PACKAGES=("${RUNTIME_PACKAGES[@]}")
elif [[ $# -gt 0 ]]; then
  echo "usage: $0 [--runtime]" >&2
  exit 2
fi

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
