#!/usr/bin/env bash
# Benchmarks: TorchSharp vs. PyTorch on the course's models, and the course's own speed. One command:
#   bench/run.sh            full run (~20 min on 2 idle cores): whole MNIST epochs
#   bench/run.sh --quick    ~4 min: fixed subsets, fewer repeats
# Further options go to the driver (bench/Course.Bench): --threads N, --python PATH, --only training inference …
# Prints a markdown table, saves bench/results/latest.md and latest.csv and (without --only) rewrites the results
# section of README.md. See docs/benchmarks.md.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

threads=2
own_python=0
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  [[ "${args[$i]}" == "--threads" ]] && threads="${args[$((i + 1))]}"
  [[ "${args[$i]}" == "--python" ]] && own_python=1
done

# The same thread count for every parallel runtime on both sides: libtorch's OpenMP pool, MKL (TorchSharp's
# libtorch) and OpenBLAS (Debian's PyTorch). Each framework also sets it through its own API.
export OMP_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads"

readme=()
[[ " $* " == *" --only "* ]] || readme=(--readme README.md)

# PyTorch (Debian's python3-torch) is installed here and only here: the tests do not need it. With --python PATH
# the caller brings their own.
[[ "$own_python" == 1 ]] || bash scripts/setup.sh --bench >&2

dotnet build bench/Course.Bench/Course.Bench.csproj -c Release --nologo -v quiet -clp:NoSummary >&2
exec dotnet bench/Course.Bench/bin/Release/net10.0/Course.Bench.dll "${readme[@]}" "$@"
