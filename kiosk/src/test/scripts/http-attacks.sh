#!/bin/bash
# usage: http-attacks.sh JAR LABEL [LAN_ADDRESS]
# Each interface.md section 6 attack once against the daemon started through deploy/bin/kiosk --simulate
# (the built-in demo's config on port 18431, data in a temporary dir), printing what it answered: run it
# with an old jar and a new one to compare. Needs curl, socat and bc; LAN_ADDRESS (default: the first
# non-loopback IPv4 address) is used as the source of a "LAN" client.
set -u
here=$(cd "$(dirname "$0")/../../.." && pwd)
work=$(mktemp -d)
lan=${3:-$(ip -4 -o addr show scope global | awk '{print $4}' | cut -d/ -f1 | head -n 1)}
sed -e 's/127.0.0.1:8080/127.0.0.1:18431/' -e "s#data_dir = .*#data_dir = \"$work/data\"#" \
    "$here/src/main/resources/org/openhall/kiosk/config/demo.toml" > "$work/demo.toml"
KIOSK_JAR=$1 KIOSK_JAVA=${KIOSK_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java} "$here/../deploy/bin/kiosk" --simulate \
    --config "$work/demo.toml" > "$work/$2.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid; rm -rf "$work"' EXIT
U=http://127.0.0.1:18431
for i in $(seq 1 60); do curl -s -o /dev/null $U/api/health && break; sleep 0.5; done
R='{"window":"1","level":"satisfied"}'
t() { printf '%-44s -> ' "$1"; shift; curl -s -m 15 -o "$work/body" -w '%{http_code} ' "$@"; head -c 90 "$work/body"; echo; }
echo "== $2"
t "text/plain rating from evil origin" -H 'Content-Type: text/plain' -H 'Origin: http://evil.example' -d "$R" $U/api/ratings
sleep 3.2; t "json rating, Origin evil.example" -H 'Content-Type: application/json' -H 'Origin: http://evil.example' -d "$R" $U/api/ratings
t "ticket with Host rebind.evil.example" -H 'Content-Type: application/json' -H 'Host: rebind.evil.example' -d '{"category":"A"}' $U/api/tickets
sleep 3.2; t "trailing garbage" -H 'Content-Type: application/json' -d "${R}x" $U/api/ratings
sleep 3.2; t "duplicate key" -H 'Content-Type: application/json' -d '{"window":"1","level":"satisfied","level":"very_dissatisfied"}' $U/api/ratings
sleep 3.2; t "unknown field" -H 'Content-Type: application/json' -d '{"window":"1","level":"satisfied","staff":"x"}' $U/api/ratings
t "bad %-escape in query" -X POST -H 'Content-Type: application/json' "$U/api/sim/press?pin=%5"
t "bad %-escape, trailing %" -X POST -H 'Content-Type: application/json' "$U/api/sim/press?pin=5%"
t "ticket from LAN address $lan" --interface "$lan" -H 'Content-Type: application/json' -d '{"category":"A"}' http://127.0.0.1:18431/api/tickets
start=$(date +%s.%N)
( printf 'POST /api/ratings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n'; for i in $(seq 1 40); do printf 'X'; sleep 0.5; done ) | timeout 25 socat -t 25 - TCP:127.0.0.1:18431 > /dev/null 2>&1
echo "slowloris header byte every 0.5 s: connection ended after $(echo "$(date +%s.%N) - $start" | bc | cut -c1-5) s (20 s = never dropped)"
echo "alive: $(kill -0 $pid 2>/dev/null && echo yes || echo no)"
