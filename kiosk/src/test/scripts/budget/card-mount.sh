#!/bin/bash
# What the card's own settings do: bytes written to two loop-mounted ext4 file systems (4 KiB blocks, as
# Raspberry Pi OS formats its root), one mounted with defaults (a journal commit every 5 s), one with
# commit=300, each one daemon's data dir, at one ticket and one rating a minute (telemetry every 60 s too),
# in two phases: the kernel's dirty expiry as it is (30 s here) and vm.dirty_expire_centisecs=30000.
# Needs root. Each daemon first takes 120 tickets and ratings, so its WAL is past its first, growing cycle.
#   card-mount.sh MINUTES_PER_PHASE [first|last]   (when the 300 s expiry phase runs; default last)
# Prints, per phase, bytes on each device (after sync -f at the phase's end) and jbd2 transactions.
set -u
source "$(dirname "$0")/common.sh"
M=$1; ORDER=${2:-last}
ROOT=$REPO/kiosk/target/budget-hand/card; rm -rf "$ROOT"; mkdir -p "$ROOT"
start_broker "$ROOT"
declare -A OPTS=([defaults]=defaults [commit300]=commit=300)
names=(defaults commit300); port=$(free_port)
for n in "${names[@]}"; do
    d=$ROOT/$n; port=$((port + 1)); mkdir -p "$d/data"
    truncate -s 256M "$d/card.img"; mkfs.ext4 -q -F -b 4096 "$d/card.img"
    losetup -f --show "$d/card.img" >"$d/dev"; mount -o "${OPTS[$n]}" "$(cat "$d/dev")" "$d/data"
    start_daemon "$d" $port "" || exit 1
done
each() { for n in "${names[@]}"; do "$@" "$(cat "$ROOT/$n/port")" >>"$ROOT/$n/http.log"; done; }
for _ in $(seq 120); do each ticket; each rating; sleep 0.5; done
sleep 40
dev() { basename "$(cat "$ROOT/$1/dev")"; }
mark() {
    local line=$1
    for n in "${names[@]}"; do
        sync -f "$ROOT/$n/data"
        line="$line $n $(awk '{print $7 * 512}' "/sys/block/$(dev "$n")/stat") $(awk '/transactions/{print $1; exit}' "/proc/fs/jbd2/$(dev "$n")-8/info")"
    done
    echo "$line" >>"$ROOT/card.tsv"
}
phase() { for _ in $(seq 1 "$M"); do each ticket; sleep 30; each rating; sleep 30; done; }
old=$(cat /proc/sys/vm/dirty_expire_centisecs)
expire() { echo "$1" >/proc/sys/vm/dirty_expire_centisecs; }
trap 'expire "$old"' EXIT   # a machine-wide setting: put it back however the script ends
echo "phase name bytes transactions ..." >"$ROOT/card.tsv"
mark start
if [ "$ORDER" = first ]; then expire 30000; phase; mark expire300; expire "$old"; phase; mark "expire$((old / 100))"
else phase; mark "expire$((old / 100))"; expire 30000; phase; mark expire300; expire "$old"; fi
for n in "${names[@]}"; do stop_daemon "$ROOT/$n"; done
kill "$(cat "$ROOT/mosquitto.pid")"; sleep 1
for n in "${names[@]}"; do umount "$ROOT/$n/data"; losetup -d "$(cat "$ROOT/$n/dev")"; done
awk 'NR > 2 { printf "%s:", $1; for (i = 2; i < NF; i += 3) { printf "  %s %d bytes a minute, %d journal commits", $i, ($(i+1) - b[i]) / M, $(i+2) - t[i] } print "" }
     NR > 1 { for (i = 2; i < NF; i += 3) { b[i] = $(i+1); t[i] = $(i+2) } }' M="$M" "$ROOT/card.tsv"
