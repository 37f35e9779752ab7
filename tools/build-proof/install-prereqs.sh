#!/bin/sh
# Installs what the real image-build proof (packages/core/src/build-proof/layer-size.spec.ts) needs:
# buildah (daemonless builds, chroot isolation) and a statically linked busybox (the base of its
# FROM scratch images). Debian/Ubuntu, as root. Idempotent: does nothing when both are present.
set -eu
if command -v buildah >/dev/null 2>&1 && [ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1; then
  echo "build-proof prerequisites present: $(buildah --version)"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "install-prereqs: must run as root (apt-get)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends buildah busybox-static
buildah --version
