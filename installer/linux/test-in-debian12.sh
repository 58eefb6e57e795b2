#!/bin/sh
# Installs a Hydra Control .deb into a clean Debian 12 (debootstrap, minbase) with apt, so only the package's
# declared dependencies come along, and runs it there: --version, status --json, and the window's first frame
# (headless, from the AOT cache; and on a real GTK window when an X display is shared in).
#
#   sudo installer/linux/test-in-debian12.sh installer/target/jpackage/installers/hydra-control_0.1.0_amd64.deb [ROOT]
#
# ROOT (default /var/tmp/hydra-debian12) is created with debootstrap the first time (about 2 minutes, needs the
# debootstrap package and access to deb.debian.org) and reused afterwards; the package is purged at the end.
# With DISPLAY set to a local X server (an Xvfb is fine), its socket is bound into the chroot for the GTK check.
# With UPGRADE_TO=hydra-control_NEWER_amd64.deb, the newer package is installed over the first one, with a
# hydra.yaml, preferences and a database in the user's folders, which must come out unchanged.
set -eu
deb=$(realpath "${1:?usage: $0 hydra-control_VERSION_amd64.deb [ROOT]}")
root=${2:-/var/tmp/hydra-debian12}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

if [ ! -x "$root/usr/bin/apt-get" ]; then
  debootstrap --variant=minbase bookworm "$root" "$mirror"
fi

mounted=""
bind() { mkdir -p "$root$1"; mount --bind "$1" "$root$1"; mounted="$root$1 $mounted"; }
cleanup() { for m in $mounted; do umount "$m" || true; done; }
trap cleanup EXIT
mount -t proc proc "$root/proc"; mounted="$root/proc"
bind /dev
bind /dev/pts
bind /sys
if [ -n "${DISPLAY:-}" ] && [ -d /tmp/.X11-unix ]; then bind /tmp/.X11-unix; fi

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

cp "$deb" "$root/tmp/"
in_root apt-get update -qq
echo "== apt-get install --no-install-recommends ./$(basename "$deb")"
in_root sh -c "DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends /tmp/$(basename "$deb")" \
  > "$root/tmp/apt-install.log"
grep -E '^([0-9]+ upgraded|Need to get|Setting up hydra-control)' "$root/tmp/apt-install.log"
echo "== Depends: $(in_root dpkg-query -W -f='${Depends}' hydra-control)"

echo "== hydra --version"
in_root hydra --version
echo "== hydra status --json"
in_root sh -c 'HYDRA_HOME=/tmp/hydra-home hydra status --json' | head -c 300; echo " ..."
echo "== first frame, headless, AOT cache required (-XX:AOTMode=on)"
in_root sh -c "HYDRA_HOME=/tmp/hydra-home HYDRA_EXIT_AFTER_FIRST_FRAME=1 \
  JAVA_TOOL_OPTIONS='-Dglass.platform=Headless -Dprism.order=sw -XX:AOTMode=on' hydra 2>&1 | sed '/^Picked up/d'"
grep 'First frame' "$root/tmp/hydra-home/logs/hydra.log" | tail -1
if [ -n "${DISPLAY:-}" ] && [ -d /tmp/.X11-unix ]; then
  echo "== first frame on the X display $DISPLAY (GTK)"
  in_root sh -c "DISPLAY=$DISPLAY HYDRA_HOME=/tmp/hydra-home HYDRA_EXIT_AFTER_FIRST_FRAME=1 hydra"
  grep 'First frame' "$root/tmp/hydra-home/logs/hydra.log" | tail -1
fi

if [ -n "${UPGRADE_TO:-}" ]; then
  newer=$(realpath "$UPGRADE_TO")
  echo "== upgrade to $(basename "$newer"), with a hydra.yaml, preferences and a database in the user's folders"
  mkdir -p "$root/root/.config/hydra" "$root/root/.local/share/hydra"
  printf 'refreshInterval: 3s\n' > "$root/root/.config/hydra/hydra.yaml"
  printf 'ui.theme=DARK\nui.lastView=GPUS\n' > "$root/root/.local/share/hydra/preferences.properties"
  in_root hydra doctor | grep -E '^  (ok|PROBLEM) +(config|database)'
  user_files() { (cd "$root/root" && find .config/hydra .local/share/hydra -type f ! -path '*/logs/*' | sort | xargs sha256sum); }
  before=$(user_files)
  cp "$newer" "$root/tmp/"
  in_root sh -c "DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends /tmp/$(basename "$newer")" \
    > "$root/tmp/apt-upgrade.log"
  grep -E '^Unpacking hydra-control' "$root/tmp/apt-upgrade.log"
  test "$before" = "$(user_files)"
  echo "user's files unchanged: $(echo "$before" | wc -l); /usr/bin/hydra -> $(readlink "$root/usr/bin/hydra")"
  in_root sh -c "HYDRA_EXIT_AFTER_FIRST_FRAME=1 JAVA_TOOL_OPTIONS='-Dglass.platform=Headless -Dprism.order=sw -XX:AOTMode=on' \
    hydra 2>&1 | sed '/^Picked up/d'"
  grep 'First frame' "$root/root/.local/share/hydra/logs/hydra.log" | tail -1
  in_root hydra doctor | grep -E '^  (ok|PROBLEM) +(config|database)'
fi

echo "== apt-get purge hydra-control (the user's data stays)"
in_root sh -c 'DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq hydra-control' >/dev/null
ls "$root/tmp/hydra-home" && test ! -e "$root/usr/bin/hydra" && test ! -e "$root/opt/hydra-control"
echo "== all good"
