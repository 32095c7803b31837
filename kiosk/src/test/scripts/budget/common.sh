# Shared by the hand-run budget scripts: daemons through deploy/bin/kiosk as kiosk.service starts them,
# with the budget bench's configuration (an evaluator, two categories, the HTTP server), a pty printer and
# a mosquitto of their own. Source it; needs mosquitto, socat, curl, python3; the jar built (mvnw package).
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../../../.." && pwd)
JAVA=${KIOSK_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

# start_broker DIR: a mosquitto on a free port; sets BROKER_PORT
start_broker() {
    BROKER_PORT=$(free_port)
    mosquitto -p "$BROKER_PORT" >"$1/mosquitto.log" 2>&1 & echo $! >"$1/mosquitto.pid"
}

# start_daemon DIR HTTP_PORT "JVM OPTIONS": a daemon with its data in DIR/data (created by the caller if it
# is a mount point), its printer a socat pty whose far end is printer-emulator.py; waits for health 200
start_daemon() {
    local d=$1 port=$2 opts=$3
    mkdir -p "$d/data" "$d/cache"
    socat pty,link="$d/printer",raw,echo=0 EXEC:"python3 $HERE/printer-emulator.py" 2>"$d/socat.log" & echo $! >"$d/socat.pid"
    sleep 0.5
    cat >"$d/kiosk.toml" <<TOML
[kiosk]
id = "budget-$(basename "$d")"
site = "bench"
timezone = "Asia/Shanghai"
data_dir = "$d/data"
[mqtt]
servers = ["tcp://127.0.0.1:$BROKER_PORT"]
[printer]
port = "$d/printer"
[terminal]
listen = "127.0.0.1:$port"
[[queue.categories]]
code = "A"
name = "综合受理"
name_en = "General affairs"
[[queue.categories]]
code = "B"
name = "社保医保"
name_en = "Social insurance"
[[evaluators]]
window = "1"
buttons = { very_satisfied = 5, satisfied = 6, basically_satisfied = 13, dissatisfied = 19, very_dissatisfied = 26 }
led_ok = 20
led_busy = 21
lockout_s = 0
TOML
    echo "$port" >"$d/port"
    (cd "$d" && KIOSK_JAR="$REPO/kiosk/target/kiosk.jar" KIOSK_JAVA="$JAVA" CACHE_DIRECTORY="$d/cache" KIOSK_JAVA_OPTS="$opts" \
        exec "$REPO/deploy/bin/kiosk" run --config "$d/kiosk.toml" --simulate >>"$d/daemon.log" 2>&1) &
    echo $! >"$d/pid"   # the launcher execs java, so this is the JVM's pid
    for _ in $(seq 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/api/health" && return 0; sleep 0.05; done
    echo "daemon in $d not ready" >&2; return 1
}

stop_daemon() { kill "$(cat "$1/pid")" 2>/dev/null; sleep 2; kill "$(cat "$1/socat.pid")" 2>/dev/null; }
post() { curl -s -o /dev/null -w "%{http_code} %{time_total}\n" -H 'content-type: application/json' -d "$3" "http://127.0.0.1:$1$2"; }
ticket() { post "$1" /api/tickets "{\"category\":\"${2:-A}\",\"priority\":false}"; }
rating() { post "$1" /api/ratings '{"window":"1","level":"satisfied"}'; }
rss_kb() { awk '/VmRSS/{print $2}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
