#!/usr/bin/env bash
# Puts the course into a learner's home at every server start (z2jh's postStart hook runs it; so does the hub
# test). The home is the learner's persistent volume, mounted over the image's /home/jovyan, so the course cannot
# be baked into it. Only MISSING files are copied: a learner's edited notebook is never overwritten, and a
# notebook the learner deleted comes back fresh — the way to reset one.
# install-course.sh writes this file with @PREFIX@ replaced by its --prefix.
set -euo pipefail

source_dir="@PREFIX@/learner-home"
home="${1:-${HOME:?HOME is not set; pass the learner home folder as the first argument}}"

if [[ ! -d "$source_dir" ]]; then
  echo "course-home: $source_dir is missing; run workshop/jupyterhub/install-course.sh first." >&2
  exit 1
fi
cd "$source_dir"
while IFS= read -r -d '' dir; do
  mkdir -p "$home/$dir"
done < <(find . -type d -print0)
copied=0
while IFS= read -r -d '' file; do
  if [[ ! -e "$home/$file" ]]; then
    cp -p "$file" "$home/$file"
    copied=$((copied + 1))
  fi
done < <(find . -type f -print0)
echo "course-home: $copied file(s) copied into $home (existing files kept)"
