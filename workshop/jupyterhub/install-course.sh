#!/usr/bin/env bash
# Installs the course for a shared server (the JupyterHub image runs exactly this, and CI runs it on a plain
# machine): builds the `course` tool, registers the C# kernel and copies the notebooks and datasets.
#
#   install-course.sh [--prefix DIR] [--content DIR] [--source DIR]
#
#   --prefix DIR   where the course goes (default /opt/course): the built tool in DIR/course, the kernelspec in
#                  DIR/share/jupyter/kernels (point JUPYTER_PATH at DIR/share/jupyter, or use /usr/local).
#   --content DIR  also copy notebooks/ and datasets/ there (e.g. the image's /home/jovyan skeleton).
#   --source DIR   the course checkout (default: two folders above this script).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source_dir="$(cd "$here/../.." && pwd)"
prefix=/opt/course
content=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
    --content) content="${2:?--content needs a folder}"; shift 2 ;;
    --source) source_dir="${2:?--source needs a folder}"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
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

echo "==> Building the course tool into $prefix/course"
dotnet publish "$source_dir/src/Course.Cli/Course.Cli.csproj" -c Release -o "$prefix/course" --nologo -v quiet

echo "==> Registering the C# kernel under $prefix/share/jupyter/kernels"
# Run through `dotnet`, so the kernelspec points at the installed copy, not at the checkout.
dotnet "$prefix/course/Course.Cli.dll" kernel install --prefix "$prefix"

if [[ -n "$content" ]]; then
  echo "==> Copying notebooks and datasets into $content"
  mkdir -p "$content"
  cp -r "$source_dir/notebooks" "$content/"
  cp -r "$source_dir/datasets" "$content/"
fi
echo "==> Done. The kernel is 'course-csharp' (C# (course))."
