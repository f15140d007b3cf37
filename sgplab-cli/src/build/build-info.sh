#!/bin/sh
# Writes build-info.properties for `sgplab version`: the project version, the git commit (short) and
# whether tracked files had uncommitted changes, and the build time (UTC). Outside a git checkout of
# this project (a source tarball, or no git installed) the commit is "unknown"; the build never fails
# for it. Native git, so that linked worktrees report their own commit.
# Usage: build-info.sh PROJECT_ROOT VERSION OUTPUT_FILE
root="$1" version="$2" out="$3"
commit=unknown
dirty=false
top="$(git -C "$root" rev-parse --show-toplevel 2>/dev/null)" || top=""
# only this project's own checkout, not a repository that happens to contain an unpacked tarball
if [ -n "$top" ] && [ "$(cd "$top" && pwd -P)" = "$(cd "$root" && pwd -P)" ]; then
  commit="$(git -C "$root" rev-parse --short=7 HEAD 2>/dev/null)" || commit=unknown
  if [ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    dirty=true
  fi
fi
mkdir -p "$(dirname "$out")"
printf 'version=%s\ncommit=%s\ndirty=%s\nbuilt=%s\n' "$version" "$commit" "$dirty" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$out"
