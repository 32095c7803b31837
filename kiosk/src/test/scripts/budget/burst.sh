#!/bin/bash
# A hall's busy moments, per variant, one after the other: a fresh daemon takes 300 tickets and 300 ratings
# back to back, then 2,000 ratings while its broker is down, and is timed until its outbox is empty once the
# broker is back and the client has reconnected; RSS after that.
#   burst.sh NAME "JVM OPTIONS" [NAME "JVM OPTIONS" ...]
set -u
source "$(dirname "$0")/common.sh"
ROOT=$REPO/kiosk/target/budget-hand/burst; rm -rf "$ROOT"; mkdir -p "$ROOT"
while [ $# -gt 0 ]; do
    n=$1; d=$ROOT/$n; mkdir -p "$d"; port=$(free_port)
    start_broker "$d"; start_daemon "$d" "$port" "$2" || exit 1; shift 2
    sleep 5
    t0=$(date +%s%N)
    for i in $(seq 300); do ticket "$port" >>"$d/tickets.log"; rating "$port" >/dev/null; done
    t1=$(date +%s%N)
    kill "$(cat "$d/mosquitto.pid")"; sleep 1
    for i in $(seq 2000); do rating "$port" >/dev/null; done
    mosquitto -p "$BROKER_PORT" >>"$d/mosquitto.log" 2>&1 & echo $! >"$d/mosquitto.pid"
    health() { curl -s "http://127.0.0.1:$port/api/health" | python3 -c "import json,sys; print(json.load(sys.stdin)[\"$1\"])"; }
    until [ "$(health mqtt)" = connected ]; do sleep 0.05; done
    t2=$(date +%s%N)
    until [ "$(health outboxDepth)" = 0 ]; do sleep 0.05; done
    t3=$(date +%s%N)
    echo "$n: 300 tickets + 300 ratings $(( (t1 - t0) / 1000000 )) ms; ticket p50 $(awk '{print $2 * 1000}' "$d/tickets.log" | sort -n | sed -n 150p) ms;" \
         "2,000 queued events drained, from reconnected to empty, in $(( (t3 - t2) / 1000000 )) ms; RSS then $(rss_kb "$(cat "$d/pid")") kB" | tee -a "$ROOT/result.txt"
    stop_daemon "$d"; kill "$(cat "$d/mosquitto.pid")"; sleep 1
done
