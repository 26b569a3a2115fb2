#!/usr/bin/env bash
# Installs what the course's tests need beyond the .NET SDK, on Debian 12+ or Ubuntu 22.04+:
#   scripts/setup.sh          the test toolchain: real Jupyter clients (nbformat, nbconvert, nbclient, jupyter_client,
#                             jupyter_kernel_test, ipykernel), headless Chromium, Fashion-MNIST, strace (to see that
#                             saves reach the disk), JupyterHub with its proxy (the workshop's hub test), PyYAML and
#                             psutil (the hub test reads values.yaml and measures each learner's kernel)
#   scripts/setup.sh --bench  also PyTorch and OpenBLAS, for bench/run.sh's side-by-side runs (bench/run.sh calls this)
#   scripts/setup.sh --print  print the apt packages it would install on this system, install nothing
# Learners running notebooks need none of this. Safe to run again: it installs only what is missing.
# OS_RELEASE (default /etc/os-release) may point at another os-release file, to see what --print chooses there.
set -euo pipefail

bench=0 print=0
for arg in "$@"; do
  case "$arg" in
    --bench) bench=1 ;;
    --print) print=1 ;;
    *) echo "setup: unknown option '$arg'. Use --bench (add PyTorch for the benchmarks) or --print." >&2; exit 2 ;;
  esac
done

# Which distribution: package names differ (Ubuntu's chromium is a snap, not a .deb).
os_release="${OS_RELEASE:-/etc/os-release}"
distro=""
if [ -r "$os_release" ]; then
  # shellcheck disable=SC1090
  distro="$( . "$os_release"; echo "${ID:-} ${ID_LIKE:-}")"
fi
case " $distro " in
  *" ubuntu "*) family=ubuntu ;;
  *" debian "*) family=debian ;;
  *) family=other ;;
esac

packages=(
  python3-nbformat jupyter-nbconvert python3-nbclient python3-jupyter-client jupyter-client
  python3-jupyter-kernel-test python3-ipykernel
  strace
  dataset-fashion-mnist
  jupyterhub node-configurable-http-proxy python3-psutil python3-yaml python3-tornado
)
# The tests start /usr/bin/chromium. Debian packages it; on Ubuntu the apt package is only a wrapper that installs
# the snap, which needs snapd (absent in containers), so Chromium is handled separately below.
[ "$family" = debian ] && packages+=(chromium)
[ "$bench" = 1 ] && packages+=(python3-torch libopenblas0-pthread)

if [ "$print" = 1 ]; then
  echo "${packages[*]}"
  exit 0
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET SDK 10 or later is required (dotnet not found on PATH). Install it from https://dot.net/download." >&2
  exit 1
fi
if [ "$family" = other ]; then
  echo "setup: this is neither Debian nor Ubuntu ($os_release says '${distro:-nothing}'). Install the equivalents of these" >&2
  echo "       packages by hand: ${packages[*]} chromium" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
if [ -n "$sudo" ] && ! command -v sudo >/dev/null 2>&1 && { [ ${#missing[@]} -gt 0 ] || [ "$family" = ubuntu ]; }; then
  echo "setup: missing ${missing[*]:-nothing from apt}; run this script as root or install sudo." >&2
  exit 1
fi

status=0
if [ ${#missing[@]} -gt 0 ]; then
  $sudo apt-get update -qq
  # Name each package apt does not know instead of letting one unknown name stop the whole install.
  installable=() unknown=()
  for p in "${missing[@]}"; do
    if apt-cache show "$p" >/dev/null 2>&1; then installable+=("$p"); else unknown+=("$p"); fi
  done
  if [ ${#installable[@]} -gt 0 ]; then
    echo "setup: installing ${installable[*]}"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${installable[@]}" >/dev/null
  fi
  if [ ${#unknown[@]} -gt 0 ]; then
    hint="check the package names for your release"
    [ "$family" = ubuntu ] && hint="on Ubuntu they are in 'universe': sudo add-apt-repository universe, then run this again"
    echo "setup: apt has no package ${unknown[*]} here ($hint). The tests that use them will fail." >&2
    status=1
  fi
fi

if [ "$family" = ubuntu ] && [ ! -x /usr/bin/chromium ]; then
  if [ -x /snap/bin/chromium ]; then
    # The snap's launcher picks the app by its own name, so a link called chromium starts it.
    $sudo ln -s /snap/bin/chromium /usr/bin/chromium
    echo "setup: linked /usr/bin/chromium to the Chromium snap"
  else
    echo "setup: Chromium is missing. On Ubuntu it is only a snap: run 'sudo snap install chromium' (needs snapd," >&2
    echo "       which containers lack) and then this script again, or install Google Chrome and link it to /usr/bin/chromium." >&2
    echo "       The tests that screenshot exported HTML will fail until then." >&2
    status=1
  fi
fi
exit "$status"
