#!/usr/bin/env bash
# Installs what the course's tests and benchmarks need beyond the .NET SDK, on Debian/Ubuntu:
# real Jupyter clients (nbformat, nbconvert, nbclient, jupyter_client, jupyter_kernel_test), headless Chromium
# and PyTorch for the side-by-side benchmarks. Learners running notebooks need none of this.
# Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(
  python3-nbformat jupyter-nbconvert python3-nbclient python3-jupyter-client jupyter-client
  python3-jupyter-kernel-test python3-ipykernel
  chromium chromium-driver
  python3-torch libopenblas0-pthread
  dataset-fashion-mnist
)

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET SDK 10 is required (dotnet not found on PATH). Install it from Microsoft's .NET download page." >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: missing ${missing[*]}, and this is not a Debian/Ubuntu system (no apt-get). Install the equivalents by hand." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "setup: missing ${missing[*]}; run this script as root or install sudo." >&2
    exit 1
  fi
fi
echo "setup: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
