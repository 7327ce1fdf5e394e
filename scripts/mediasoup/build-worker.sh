#!/usr/bin/env bash
# Build mediasoup-worker for the installed mediasoup npm package against the
# system (Debian/Ubuntu) libraries, fully offline: no GitHub, no PyPI, no meson
# wrapdb. The patch switches the worker's meson files from downloaded
# subprojects to system dependency()s, maps the libsrtp3 API to libsrtp2, and
# fixes the BIO callback bug that crashes the worker on Debian's kTLS-enabled
# OpenSSL (see scripts/mediasoup/*.patch).
#
# Normally run by scripts/ensure-mediasoup-worker.mjs (which installs missing
# apt packages, caches the result and installs it). It can be run by hand from
# the repository root:
#
#   bash scripts/mediasoup/build-worker.sh
#
# Needs (apt): g++ make patch pkg-config meson ninja-build libuv1-dev libssl-dev
#   libsrtp2-dev libabsl-dev libflatbuffers-dev flatbuffers-compiler libusrsctp-dev
#
# Environment (all optional):
#   MS_DIR  mediasoup package directory   (default: node_modules/mediasoup)
#   PATCH   patch to apply                (default: beside this script, by version)
#   OUT     where to install the binary   (default: $MS_DIR/worker/out/Release/mediasoup-worker)
#   JOBS    parallel compile jobs         (default: nproc)
#   KEEP_BUILD_DIR=1  keep the temporary build directory (for debugging)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
MS_DIR=${MS_DIR:-node_modules/mediasoup}
MS_DIR=$(cd "$MS_DIR" && pwd)
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}

ver=$(node -p "require(process.argv[1]).version" "$MS_DIR/package.json")
PATCH=${PATCH:-$HERE/mediasoup-$ver-debian-bookworm.patch}
OUT=${OUT:-$MS_DIR/worker/out/Release/mediasoup-worker}

if [ ! -f "$PATCH" ]; then
  echo "build-worker.sh: no patch for mediasoup $ver ($PATCH does not exist)." >&2
  echo "build-worker.sh: the offline build is only maintained for the mediasoup version pinned in package.json." >&2
  exit 2
fi

missing=()
for tool in g++ patch pkg-config meson ninja flatc; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "build-worker.sh: missing build tools: ${missing[*]}" >&2
  exit 3
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mediasoup-worker-build.XXXXXX")
cleanup() {
  if [ -n "${KEEP_BUILD_DIR:-}" ]; then
    echo "==> keeping build directory $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

echo "==> copying $MS_DIR/worker to $WORK/worker"
# Skip build outputs/downloads a previous (upstream) build attempt may have left.
mkdir -p "$WORK/worker"
(cd "$MS_DIR/worker" && tar --exclude=./out --exclude=./pip_invoke --exclude=./pip_meson --exclude=./pip_ninja -cf - .) \
  | (cd "$WORK/worker" && tar -xf -)

echo "==> applying $(basename "$PATCH")"
(cd "$WORK" && patch -p1 --forward --batch < "$PATCH")

echo "==> meson setup (meson $(meson --version), system libraries, --wrap-mode=nodownload)"
meson setup --buildtype release -Db_ndebug=true -Dms_disable_liburing=true \
  --wrap-mode=nodownload "$WORK/build" "$WORK/worker"

# Generate the FlatBuffers C++ headers first (upstream tasks.py does the same;
# the meson graph does not order them before the C++ compiles).
echo "==> generating FlatBuffers headers"
ninja -C "$WORK/build" fbs/FBS

echo "==> compiling mediasoup-worker with $JOBS jobs"
ninja -C "$WORK/build" -j"$JOBS" mediasoup-worker

# Sanity check: without MEDIASOUP_VERSION in the environment the worker exits 41.
set +e
env -i "$WORK/build/mediasoup-worker" >/dev/null 2>&1
rc=$?
set -e
if [ "$rc" -ne 41 ]; then
  echo "build-worker.sh: built binary does not run (exit code $rc, expected 41)" >&2
  exit 4
fi

install -D -m 0755 "$WORK/build/mediasoup-worker" "$OUT.tmp.$$"
mv -f "$OUT.tmp.$$" "$OUT"
echo "==> mediasoup-worker built: $OUT ($(du -h "$OUT" | cut -f1))"
