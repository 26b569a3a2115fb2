#!/usr/bin/env bash
# Runs once when the devcontainer is created: shows which libtorch backend builds will use, restores packages,
# registers the course's Jupyter kernel and checks the machine with `course doctor`.
# It writes no backend setting anywhere: Directory.Build.props resolves COURSE_BACKEND=auto at every build, so a
# container moved between a GPU and a CPU host keeps building the right backend.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

gpu=""
if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then
  gpu="$(nvidia-smi -L | head -n 1)"
fi
backend="$(dotnet msbuild src/Course.Cli/Course.Cli.csproj -getProperty:CourseBackend)"
echo "GPU: ${gpu:-none visible}. COURSE_BACKEND=${COURSE_BACKEND:-unset} -> builds use the ${backend} backend."
if [[ -n "$gpu" && "$backend" == "cpu" ]]; then
  echo "warning: a GPU is visible but builds use the CPU backend; set COURSE_BACKEND=cuda (or use .devcontainer/gpu)." >&2
fi
if [[ "$backend" == "cuda" ]]; then
  echo "Restoring TorchSharp-cuda-linux: libtorch for CUDA 12.8 is a ~2.5 GB download the first time."
fi

dotnet restore Course.sln

# Keep going after a failure so that `course doctor` still reports what is wrong; fail at the end.
status=0
./course kernel install --user || { echo "error: installing the Jupyter kernel failed (see above)." >&2; status=1; }
./course doctor || status=1
exit "$status"
