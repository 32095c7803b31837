#!/bin/bash
# RSS of several daemons side by side over MINUTES of one ticket and one rating a minute (the ticket at the
# minute's start, the rating 30 s later), sampled each minute from 20 s after health 200; CPU at the end.
#   rss-hour.sh MINUTES NAME "JVM OPTIONS" [NAME "JVM OPTIONS" ...]      e.g. rss-hour.sh 90 now "" xint -Xint
# Writes kiosk/target/budget-hand/rss/rss.tsv (kB per daemon per minute) and each daemon's smaps at 0 and end.
set -u
source "$(dirname "$0")/common.sh"
M=$1; shift
ROOT=$REPO/kiosk/target/budget-hand/rss; rm -rf "$ROOT"; mkdir -p "$ROOT"
start_broker "$ROOT"
names=(); port=$(free_port)
while [ $# -gt 0 ]; do
    names+=("$1"); port=$((port + 1)); start_daemon "$ROOT/$1" $port "$2" || exit 1; shift 2
done
sleep 20
pid() { cat "$ROOT/$1/pid"; }
sample() { local line=$1; for n in "${names[@]}"; do line="$line $(rss_kb "$(pid "$n")")"; done; echo "$line" >>"$ROOT/rss.tsv"; }
echo "minute ${names[*]}" >"$ROOT/rss.tsv"
for n in "${names[@]}"; do cp "/proc/$(pid "$n")/smaps" "$ROOT/$n/smaps.0"; cpu_ticks "$(pid "$n")" >"$ROOT/$n/cpu.0"; done
sample 0
for m in $(seq 1 "$M"); do
    for n in "${names[@]}"; do ticket "$(cat "$ROOT/$n/port")" $([ $((m % 2)) = 0 ] && echo A || echo B) >>"$ROOT/$n/tickets.log"; done
    sleep 30
    for n in "${names[@]}"; do rating "$(cat "$ROOT/$n/port")" >>"$ROOT/$n/ratings.log"; done
    sleep 30
    sample "$m"
done
for n in "${names[@]}"; do
    p=$(pid "$n"); cp "/proc/$p/smaps" "$ROOT/$n/smaps.end"
    echo "$n: CPU $(( ($(cpu_ticks "$p") - $(cat "$ROOT/$n/cpu.0")) * 10 / M )) ms a minute, threads $(awk '/Threads/{print $2}' /proc/$p/status)" >>"$ROOT/summary.txt"
    stop_daemon "$ROOT/$n"
done
kill "$(cat "$ROOT/mosquitto.pid")"
cat "$ROOT/summary.txt"
