#!/bin/sh
# On-device smoke test of the evaluator wiring (deploy/wiring.md). Run once on the real
# Raspberry Pi with the kiosk service running and its config in place:
#
#   sudo sh smoke-test.sh [/etc/kiosk/kiosk.toml]
#
# It reads the [[evaluators]] of the config, asks you to press each button in turn and
# watches the daemon's journal for the line the daemon writes for that press
# ("rating at window W: LEVEL (button) committed ..." or "... rating (button) refused: ...").
# A press counts as wired when that line appears within 30 s. For the LEDs it asks you
# whether you saw them. It reports pass/fail per item and exits 1 if anything failed.
#
# Each accepted press is a REAL rating (bad ones also raise a bad_rating alert) and is sent
# to the centre. Run this before the kiosk goes live, or tell the centre to ignore them.
set -u

CONFIG=${1:-${KIOSK_CONFIG:-/etc/kiosk/kiosk.toml}}
UNIT=${KIOSK_UNIT:-kiosk}
WAIT_S=30
passed=0
failed=0
log=$(mktemp)
follower=""

cleanup() {
    [ -n "$follower" ] && kill "$follower" 2>/dev/null
    rm -f "$log"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pass() { passed=$((passed + 1)); echo "  PASS: $1"; }
fail() { failed=$((failed + 1)); echo "  FAIL: $1"; }

ask() { # ask "question" -> 0 for yes
    printf '  %s [y/n] ' "$1"
    read -r answer || answer=""
    case "$answer" in y|Y|yes|j|J) return 0 ;; *) return 1 ;; esac
}

[ -r "$CONFIG" ] || { echo "cannot read $CONFIG" >&2; exit 2; }
systemctl is-active --quiet "$UNIT" || { echo "the $UNIT service is not running: sudo systemctl start $UNIT" >&2; exit 2; }
command -v journalctl >/dev/null || { echo "journalctl not found" >&2; exit 2; }

# One line per evaluator: window|lockout_s|led_ok|led_busy|level=pin level=pin ...
# (reads the keys as written in the example config: one key per line, buttons as an inline table)
evaluators=$(awk '
    function flush() { if (inside && window != "") print window "|" lockout "|" ok "|" busy "|" buttons }
    /^[[:space:]]*\[/ { flush(); inside = ($0 ~ /^[[:space:]]*\[\[evaluators\]\]/); window = ""; lockout = 0; ok = ""; busy = ""; buttons = ""; next }
    !inside { next }
    { sub(/#.*/, "") }
    /^[[:space:]]*window[[:space:]]*=/ { v = $0; sub(/^[^=]*=[[:space:]]*"/, "", v); sub(/".*/, "", v); window = v }
    /^[[:space:]]*lockout_s[[:space:]]*=/ { v = $0; sub(/^[^=]*=[[:space:]]*/, "", v); lockout = v + 0 }
    /^[[:space:]]*led_ok[[:space:]]*=/ { v = $0; sub(/^[^=]*=[[:space:]]*/, "", v); ok = v + 0 }
    /^[[:space:]]*led_busy[[:space:]]*=/ { v = $0; sub(/^[^=]*=[[:space:]]*/, "", v); busy = v + 0 }
    /^[[:space:]]*buttons[[:space:]]*=/ {
        v = $0; sub(/^[^{]*\{/, "", v); sub(/\}.*/, "", v); gsub(/[[:space:]]/, "", v); gsub(/,/, " ", v); buttons = v
    }
    END { flush() }' "$CONFIG")

[ -n "$evaluators" ] || { echo "no [[evaluators]] in $CONFIG: nothing to test"; exit 0; }

# Follow the journal from now on, into a file we can search without missing a line.
journalctl -u "$UNIT" -f -n 0 -o cat >"$log" 2>/dev/null &
follower=$!
sleep 1

await_line() { # await_line LINES "fixed text" -> 0 when the journal shows it after line LINES within WAIT_S
    i=0
    while [ "$i" -lt $((WAIT_S * 2)) ]; do
        tail -n +"$(($1 + 1))" "$log" | grep -qF "$2" && return 0
        sleep 0.5
        i=$((i + 1))
    done
    return 1
}

echo "Smoke test of the evaluators in $CONFIG (service $UNIT)."
# (not a `| while read` loop: the prompts read the terminal)
old_ifs=$IFS
IFS='
'
for line in $evaluators; do
    IFS='|' read -r window lockout ok busy buttons <<EOF2
$line
EOF2
    IFS=$old_ifs
    echo
    echo "Window $window (lockout ${lockout} s)"
    for pair in $buttons; do
        level=${pair%%=*}
        pin=${pair#*=}
        before=$(wc -l <"$log")
        echo "  Press the '$level' button (BCM $pin) once, now."
        if await_line "$before" "window $window: $level"; then
            pass "button $level (BCM $pin) reached the daemon"
            if [ -n "$ok" ] && tail -n +"$((before + 1))" "$log" | grep -qF "rating at window $window: $level"; then
                if ask "Did the OK LED (BCM $ok) light for about 1 s?"; then pass "LED ok (BCM $ok)"; else fail "LED ok (BCM $ok) not seen"; fi
                ok=""  # asked once per evaluator is enough
            fi
        else
            fail "button $level (BCM $pin): no press seen in ${WAIT_S} s (wiring to GND? pin number?)"
        fi
        [ "$lockout" -gt 0 ] && { echo "  (waiting ${lockout} s for the lockout)"; sleep $((lockout + 1)); }
    done
    if [ -n "$busy" ] && [ "$lockout" -gt 0 ]; then
        set -- $buttons
        level=${1%%=*}
        before=$(wc -l <"$log")
        echo "  Press the '$level' button TWICE quickly (the second press falls inside the lockout)."
        if await_line "$before" "window $window: $level rating (button) refused: locked_out"; then
            if ask "Did the busy LED (BCM $busy) blink three times?"; then pass "LED busy (BCM $busy)"; else fail "LED busy (BCM $busy) not seen"; fi
        else
            fail "no refused press seen in ${WAIT_S} s"
        fi
    elif [ -n "$busy" ]; then
        echo "  (lockout_s is 0 here: the busy LED is only used for presses without an invite; not tested)"
    fi
    IFS='
'
done
IFS=$old_ifs

echo
echo "Result: $passed passed, $failed failed."
[ "$failed" -eq 0 ]
