#!/usr/bin/env bash
# The devcontainer's setup, one step per lifecycle command in devcontainer.json:
#   restore  onCreateCommand       which backend builds use; `dotnet restore` (the big download). Cached by prebuilds.
#   build    updateContentCommand  builds the course, registers its Jupyter kernel. Cached by prebuilds, and VS Code
#                                  waits for it (waitFor), so the kernel exists before a learner opens a notebook.
#   doctor   postCreateCommand     `course doctor` on the machine the learner actually got (GPU, cores). Always runs.
# The dev container tools skip every later step once one fails, and the doctor is what explains a failure. So restore
# and build record a failure (in $COURSE_DEVCONTAINER_STATE, default ~/.cache/course-devcontainer) and exit 0; the
# doctor step prints what failed, runs the doctor anyway (on the CPU backend if the CUDA one did not build) and then
# exits 1, so the creation log shows the failure.
# No backend setting is written anywhere: Directory.Build.props resolves COURSE_BACKEND=auto at every build.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
state="${COURSE_DEVCONTAINER_STATE:-$HOME/.cache/course-devcontainer}"
mkdir -p "$state"

backend() { dotnet msbuild src/Course.Cli/Course.Cli.csproj -getProperty:CourseBackend 2>/dev/null | tr -d '[:space:]'; }
failed() { echo "error: $2" >&2; printf '%s\n' "$2" >"$state/$1.failed"; }
succeeded() { rm -f "$state/$1.failed"; }

case "${1:-}" in
  restore)
    gpu=""
    if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then gpu="$(nvidia-smi -L | head -n 1)"; fi
    b="$(backend)"
    echo "GPU: ${gpu:-none visible}. COURSE_BACKEND=${COURSE_BACKEND:-unset} -> builds use the ${b:-unknown} backend."
    if [[ -n "$gpu" && "$b" == "cpu" ]]; then
      echo "warning: a GPU is visible but builds use the CPU backend; set COURSE_BACKEND=cuda (or use .devcontainer/gpu)." >&2
    fi
    [[ "$b" == "cuda" ]] && echo "Restoring TorchSharp-cuda-linux: libtorch for CUDA 12.8 is a ~2.5 GB download the first time."
    if dotnet restore Course.sln; then succeeded restore; else
      failed restore "restoring the course's packages for the ${b:-unknown} backend failed (see the NuGet errors above)."
    fi
    ;;
  build)
    if dotnet build src/Course.Cli/Course.Cli.csproj -c Release -nologo -v quiet && ./course kernel install --user; then
      succeeded build
    else
      failed build "building the course or registering its Jupyter kernel failed (see above); notebooks cannot run yet."
    fi
    ;;
  doctor)
    status=0
    for record in "$state"/*.failed; do
      [[ -e "$record" ]] || continue
      echo "error: the devcontainer's $(basename "$record" .failed) step failed: $(cat "$record")" >&2
      status=1
    done
    if [[ "$status" -ne 0 && "$(backend)" == "cuda" ]]; then
      echo "The CUDA backend did not build; the doctor runs on the CPU backend (COURSE_BACKEND=cpu) to check the rest."
      COURSE_BACKEND=cpu ./course doctor || status=1
    else
      ./course doctor || status=1
    fi
    exit "$status"
    ;;
  *)
    echo "usage: $0 restore|build|doctor (the devcontainer's onCreate, updateContent and postCreate steps)" >&2
    exit 2
    ;;
esac
exit 0
