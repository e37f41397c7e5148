#!/usr/bin/env bash
# Builds the self-contained distribution (run by Maven in the package phase, after the jar):
#   target/dist/kubeward-VERSION/{bin/kubeward, kubeward.jar, lib/, runtime/, examples/, README.md}
#   target/kubeward-VERSION-OS-ARCH.tar.gz
# runtime/ is a Java runtime made by jlink with the modules jdeps finds in the jar and its
# dependencies, so the distribution needs no installed JDK.
#
# Incremental, because it runs on every ./mvnw package: the runtime is linked again only when
# the JDK or the module list changes, and the tarball is written again only when a file of the
# distribution changed. Measured figures: docs/performance.md ("Distribution").
#
# Usage: build.sh VERSION TARGET_DIR BASE_DIR JAVA_HOME [GZIP_LEVEL]
set -euo pipefail
version="$1"
target="$2"
base="$3"
jdk="$4"
level="${5:-1}"

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) os="$(uname -s | tr '[:upper:]' '[:lower:]')" ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) arch="$(uname -m)" ;;
esac

name="kubeward-$version"
dist="$target/dist/$name"
tarball="$target/$name-$os-$arch.tar.gz"
jlink="$jdk/bin/jlink"
jdeps="$jdk/bin/jdeps"
for tool in "$jlink" "$jdeps"; do
  if [ ! -x "$tool" ]; then
    echo "kubeward dist: $tool not found: the distribution needs a full JDK (JAVA_HOME=$jdk)," \
      "or build with -Dkubeward.dist.skip=true" >&2
    exit 1
  fi
done

# Modules: what jdeps finds in our classes and every runtime dependency, read together so that
# each dependency's uses are seen as the class path sees them.
# jdeps takes two seconds or more, so its answer is kept for the same jars (by content).
mkdir -p "$target/dist"
jars="$(cksum "$target/kubeward.jar" "$target"/lib/*.jar)"
if [ -f "$target/dist/modules" ] && [ "$(cat "$target/dist/modules.jars" 2>/dev/null)" = "$jars" ]; then
  modules="$(cat "$target/dist/modules")"
else
  modules="$("$jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps \
    "$target/kubeward.jar" "$target"/lib/*.jar)"
  printf '%s\n' "$modules" >"$target/dist/modules"
  printf '%s\n' "$jars" >"$target/dist/modules.jars"
fi
stamp="jdk=$jdk $(cat "$jdk/release" 2>/dev/null | grep '^JAVA_RUNTIME_VERSION=' || true) modules=$modules"

if [ ! -f "$dist/runtime/release" ] || [ "$(cat "$target/dist/runtime.stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$dist/runtime"
  mkdir -p "$dist"
  # --generate-cds-archive: the base class-data-sharing archive, which the launcher's own
  # archive of kubeward's classes needs. A JDK without jmods (JDK 24 and later can link from
  # its own run-time image) is tried all the same: jlink says what is missing.
  if ! "$jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --generate-cds-archive --output "$dist/runtime" >/dev/null; then
    echo "kubeward dist: jlink failed with the JDK in $jdk (Debian: the openjdk-17-jdk-headless package" \
      "has the jmods); build with -Dkubeward.dist.skip=true to leave the distribution out" >&2
    exit 1
  fi
  printf '%s\n' "$stamp" >"$target/dist/runtime.stamp"
fi

# Everything else is small: copy it afresh, so that nothing stale survives (a removed library).
rm -rf "$dist/bin" "$dist/lib" "$dist/examples" "$dist/kubeward.jar" "$dist/kubeward.jsa" "$dist/README.md"
mkdir -p "$dist/bin" "$dist/lib"
cp "$base/kubeward" "$dist/bin/kubeward"
chmod 755 "$dist/bin/kubeward"
cp "$target/kubeward.jar" "$dist/kubeward.jar"
cp "$target"/lib/*.jar "$dist/lib/"
cp -R "$base/examples" "$dist/examples"
cp "$base/README.md" "$dist/README.md"

# The tarball is written again when any file of the distribution changed: compared by content
# (POSIX cksum), not by date, since the copies above are new every time.
contents="$stamp $(cd "$dist" && find . -path ./runtime -prune -o -type f -exec cksum {} + | LC_ALL=C sort)"
if [ ! -f "$tarball" ] || [ "$(cat "$target/dist/tarball.stamp" 2>/dev/null)" != "$contents" ]; then
  (cd "$target/dist" && tar -cf - "$name") | gzip "-$level" >"$tarball.tmp"
  mv "$tarball.tmp" "$tarball"
  printf '%s\n' "$contents" >"$target/dist/tarball.stamp"
fi
echo "kubeward dist: $tarball (modules $modules)"
