#!/usr/bin/env bash
# Installs the course for a shared server. The JupyterHub image runs exactly this, and the hub test
# (tests/Course.Cli.Tests/Hub) runs it on this machine, so what CI checks is what learners get.
#
#   install-course.sh [--prefix DIR] [--source DIR] [--runtime RID]
#
#   --prefix DIR    where the course goes (default /opt/course):
#                     DIR/course            the built `course` tool and kernel
#                     DIR/share/jupyter     the kernelspecs "C# (course)" and "C# (course, quick)"
#                                           (point JUPYTER_PATH here, or use --prefix /usr/local)
#                     DIR/datasets          MNIST, shared read-only by every learner (COURSE_DATASETS)
#                     DIR/learner-home/course  what each learner's home starts with: the STUDENT copies of the
#                                           notebooks (no solutions, no outputs); bin/course-home copies it in
#                     DIR/bin/course-home   run at every server start: copies what is missing, never overwrites
#   --source DIR    the course checkout (default: two folders above this script)
#   --runtime RID   publish for one platform (the image passes linux-x64); default: this machine's
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source_dir="$(cd "$here/../.." && pwd)"
prefix=/opt/course
runtime=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
    --source) source_dir="${2:?--source needs a folder}"; shift 2 ;;
    --runtime) runtime="${2:?--runtime needs a runtime identifier such as linux-x64}"; shift 2 ;;
    --content)
      echo "install-course.sh: --content is gone: learners' notebooks now go to PREFIX/learner-home and are copied into each home by PREFIX/bin/course-home (see --help)." >&2
      exit 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "install-course.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

if ! command -v dotnet >/dev/null; then
  echo "install-course.sh: the .NET 10 SDK is missing (no 'dotnet' on PATH). Install it first; the Dockerfile copies it from mcr.microsoft.com/dotnet/sdk:10.0." >&2
  exit 1
fi
if [[ ! -f "$source_dir/Course.sln" ]]; then
  echo "install-course.sh: $source_dir is not the course checkout (no Course.sln). Pass --source DIR." >&2
  exit 1
fi

mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"

echo "==> Building the course tool into $prefix/course${runtime:+ (for $runtime)}"
publish=(dotnet publish "$source_dir/src/Course.Cli/Course.Cli.csproj" -c Release -o "$prefix/course" --nologo -v quiet)
# One platform's libtorch only (Directory.Build.targets follows the runtime identifier); framework-dependent, so
# the image's SDK runs it.
[[ -n "$runtime" ]] && publish+=(-r "$runtime" --self-contained false)
"${publish[@]}"
course=(dotnet "$prefix/course/Course.Cli.dll")

echo "==> Registering the C# kernels under $prefix/share/jupyter/kernels"
# Run through `dotnet`, so the kernelspecs point at the installed copy, not at the checkout.
"${course[@]}" kernel install --prefix "$prefix"
"${course[@]}" kernel install --prefix "$prefix" --quick

echo "==> Datasets into $prefix/datasets (shared, read-only for learners)"
rm -rf "$prefix/datasets"
cp -r "$source_dir/datasets" "$prefix/datasets"

echo "==> Student copies of the notebooks into $prefix/learner-home/course"
rm -rf "$prefix/learner-home"
mkdir -p "$prefix/learner-home"
# Student copies: exercise stubs, no worked solutions, no outputs (the teacher's notebooks never reach a learner).
(cd "$source_dir" && "${course[@]}" workshop student "$prefix/learner-home/course" --notebooks notebooks >/dev/null)
if [[ -d "$source_dir/notebooks/results" ]]; then
  # Notebook 06 reads notebook 05's result tables when a learner has not run 05 yet.
  cp -r "$source_dir/notebooks/results" "$prefix/learner-home/course/results"
fi

echo "==> $prefix/bin/course-home (run at each server start)"
mkdir -p "$prefix/bin"
sed "s|@PREFIX@|$prefix|g" "$here/course-home.sh" > "$prefix/bin/course-home"
chmod 755 "$prefix/bin/course-home"
chmod -R a+rX "$prefix"
echo "==> Done. Kernels: 'course-csharp' (C# (course)) and 'course-csharp-quick' (C# (course, quick))."
