#!/usr/bin/env bash
# .ci/deploy-tests.sh: tests of the deployment (systemd units and the .deb).
#
# Run as root on Debian 12 after `mvn -B verify` has built kiosk/target/kiosk.jar and
# kiosk/target/kiosk_*_all.deb. Installs what it needs (systemd for systemd-analyze,
# debootstrap). Everything it creates is under kiosk/target/deploy-tests/; the
# debootstrap base root is kept there between runs (delete it to rebuild it).
#
#   1. the exposure score of systemd/kiosk.service (fails above 1.5), kiosk-centre.service (above 2)
#   2. systemd-analyze verify of the units as packaged, incl. a self-test that a
#      broken unit is caught
#   3. control fields and contents of the .deb
#   4. install, launcher, upgrade, remove, purge and reinstall in a debootstrap root
#      (dpkg runs chrooted inside it, and so do the maintainer scripts)
#
# Ends with "N passed, 0 failed"; exits 1 when any check fails.
set -euo pipefail

MAX_SCORE=1.5
SUITE=bookworm
# the mirror this machine's apt already uses, unless DEBIAN_MIRROR says otherwise
MIRROR=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)}
MIRROR=${MIRROR:-$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null)}

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$REPO/kiosk/target/deploy-tests
cd "$REPO"

passed=0
failed=0
failures=()

ok()   { passed=$((passed + 1)); echo "ok    $1"; }
bad()  { failed=$((failed + 1)); failures+=("$1"); echo "FAIL  $1${2:+: $2}"; }
# check DESCRIPTION COMMAND...: one check; the command's output is shown on failure.
check() {
    local desc=$1 out
    shift
    if out=$("$@" 2>&1); then ok "$desc"; else bad "$desc" "$out"; fi
}
# fatal MESSAGE: a step the following checks depend on went wrong.
fatal() {
    echo "FATAL $1" >&2
    echo "$passed passed, $((failed + 1)) failed"
    exit 1
}
summary() {
    echo
    if [ "$failed" -gt 0 ]; then
        printf 'failed: %s\n' "${failures[@]}"
    fi
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}

section() { echo; echo "== $*"; }

# ---------------------------------------------------------------------------------
section "tools"
need_pkgs=()
command -v systemd-analyze >/dev/null || need_pkgs+=(systemd)
command -v debootstrap >/dev/null || need_pkgs+=(debootstrap)
if [ ${#need_pkgs[@]} -gt 0 ]; then
    echo "installing ${need_pkgs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi
systemd-analyze --version | head -n 1

shopt -s nullglob
debs=(kiosk/target/kiosk_*_all.deb)
shopt -u nullglob
[ ${#debs[@]} -eq 1 ] || fatal "expected exactly one kiosk/target/kiosk_*_all.deb (found ${#debs[@]}); run mvn -B verify first"
DEB=$REPO/${debs[0]}
echo "package: $DEB"

rm -rf "$WORK/run"
mkdir -p "$WORK/run"
RUN=$WORK/run

# ---------------------------------------------------------------------------------
section "1. exposure score of systemd/kiosk.service (max $MAX_SCORE)"
score_out=$(systemd-analyze security --offline=yes systemd/kiosk.service 2>&1 || true)
score=$(printf '%s\n' "$score_out" | sed -n 's/.*Overall exposure level for kiosk\.service: \([0-9][0-9.]*\).*/\1/p')
if [ -z "$score" ]; then
    bad "exposure score parsed" "$score_out"
else
    echo "score: $score"
    check "exposure score $score <= $MAX_SCORE" awk -v s="$score" -v m="$MAX_SCORE" 'BEGIN { exit !(s <= m) }'
fi
# The centre's unit (docs/centre.md): exposure at most 2.
centre_out=$(systemd-analyze security --offline=yes systemd/kiosk-centre.service 2>&1 || true)
centre_score=$(printf '%s\n' "$centre_out" | sed -n 's/.*Overall exposure level for kiosk-centre\.service: \([0-9][0-9.]*\).*/\1/p')
if [ -z "$centre_score" ]; then
    bad "kiosk-centre.service exposure score parsed" "$centre_out"
else
    echo "kiosk-centre.service score: $centre_score"
    check "kiosk-centre.service exposure $centre_score <= 2" awk -v s="$centre_score" 'BEGIN { exit !(s <= 2) }'
fi
# The centre notifies systemd itself (READY=1, WATCHDOG=1; CentreSystemdIT), as the kiosk does.
for d in Type=notify NotifyAccess=main WatchdogSec= Restart=on-failure RestartPreventExitStatus=78; do
    check "kiosk-centre.service has $d" grep -q "^$d" systemd/kiosk-centre.service
done
# The directives the unit's comments promise stay off or on.
check "MemoryDenyWriteExecute not enabled (the JIT needs W+X memory)" \
    bash -c '! grep -Eq "^MemoryDenyWriteExecute=(yes|true|1|on)" systemd/kiosk.service'
for d in Type=notify WatchdogSec= Restart=on-failure RestartPreventExitStatus=78 User=kiosk \
         "SupplementaryGroups=gpio dialout" StateDirectory=kiosk ConfigurationDirectory=kiosk \
         LoadCredential=mqtt-password:/etc/kiosk/mqtt-password DevicePolicy=closed; do
    check "kiosk.service has $d" grep -q "^$d" systemd/kiosk.service
done

# ---------------------------------------------------------------------------------
section "2. systemd-analyze verify of the packaged units"
# A root holding the host's systemd units (targets, getty@) plus the package's files,
# so ExecStart=/usr/bin/kiosk is checked against the launcher the .deb ships. cage and
# chromium come from other packages (Suggests:): stubs stand in for them.
VROOT=$RUN/verify-root
mkdir -p "$VROOT/usr/lib/systemd" "$VROOT/usr/bin"
cp -a /usr/lib/systemd/system "$VROOT/usr/lib/systemd/"
dpkg-deb -x "$DEB" "$VROOT"
for stub in cage chromium; do
    printf '#!/bin/sh\nexit 0\n' > "$VROOT/usr/bin/$stub"
    chmod 0755 "$VROOT/usr/bin/$stub"
done
# verify exits 0 on unknown keys and bad values (it only warns): any output fails.
verify() {
    local out rc=0
    out=$(systemd-analyze verify --root="$1" "${@:2}" 2>&1) || rc=$?
    [ "$rc" -eq 0 ] && [ -z "$out" ] && return 0
    printf '%s\n' "$out" >&2
    return 1
}
check "verify kiosk.service" verify "$VROOT" kiosk.service
check "verify kiosk-browser.service" verify "$VROOT" kiosk-browser.service
check "verify kiosk-centre.service" verify "$VROOT" kiosk-centre.service
# Self-test: the same check must catch a misspelt key and a missing ExecStart binary.
BROKEN=$RUN/verify-broken
cp -a "$VROOT" "$BROKEN"
sed -i 's/^NotifyAccess=/NotifyAcces=/' "$BROKEN/usr/lib/systemd/system/kiosk.service"
check "verify catches a misspelt key (self-test)" bash -c "$(declare -f verify); ! verify '$BROKEN' kiosk.service 2>/dev/null"
rm "$BROKEN/usr/bin/cage"
check "verify catches a missing ExecStart binary (self-test)" bash -c "$(declare -f verify); ! verify '$BROKEN' kiosk-browser.service 2>/dev/null"

# ---------------------------------------------------------------------------------
section "3. the .deb: control fields and contents"
field() { dpkg-deb -f "$DEB" "$1"; }
check "Package: kiosk" test "$(field Package)" = kiosk
VERSION=$(field Version)
check "Version set ($VERSION)" bash -c '[[ "$1" =~ ^[0-9][A-Za-z0-9.+~-]*$ ]]' _ "$VERSION"
check "Architecture: all" test "$(field Architecture)" = all
check "Depends: openjdk-25-jre-headless | java25-runtime-headless" \
    bash -c 'grep -Fq "openjdk-25-jre-headless | java25-runtime-headless" <<<"$1"' _ "$(field Depends)"
CONTENTS=$RUN/contents.txt
dpkg-deb -c "$DEB" > "$CONTENTS"
has() { grep -Eq "^$1 +root/root +[0-9]+ [0-9-]+ [0-9:]+ \./$2\$" "$CONTENTS"; }
check "contains /usr/share/kiosk/kiosk.jar (0644)" has -rw-r--r-- usr/share/kiosk/kiosk.jar
check "contains /usr/bin/kiosk (0755)" has -rwxr-xr-x usr/bin/kiosk
check "contains the start-up cache and its stamp" \
    bash -c 'grep -q " \./usr/share/kiosk/kiosk\.aot$" "$1" && grep -q " \./usr/share/kiosk/kiosk\.aot\.stamp$" "$1"' _ "$CONTENTS"
check "contains /usr/share/kiosk/kiosk-aot-train (0755)" has -rwxr-xr-x usr/share/kiosk/kiosk-aot-train
check "contains kiosk.service" has -rw-r--r-- usr/lib/systemd/system/kiosk.service
check "contains kiosk-browser.service" has -rw-r--r-- usr/lib/systemd/system/kiosk-browser.service
check "contains /etc/kiosk/kiosk.toml" has -rw-r-----  etc/kiosk/kiosk.toml
check "contains /usr/share/doc/kiosk/operations.md (the unit's Documentation=)" has -rw-r--r-- usr/share/doc/kiosk/operations.md
check "packaged jar is the built jar" cmp -s kiosk/target/kiosk.jar "$VROOT/usr/share/kiosk/kiosk.jar"
CTRL=$RUN/control
dpkg-deb -e "$DEB" "$CTRL"
check "conffiles lists /etc/kiosk/kiosk.toml" grep -qx /etc/kiosk/kiosk.toml "$CTRL/conffiles"
for s in postinst prerm postrm; do
    check "$s is executable and parses" bash -c "test -x '$CTRL/$s' && sh -n '$CTRL/$s'"
done

# ---------------------------------------------------------------------------------
section "4. install, upgrade, remove and purge in a debootstrap root"
BASE=$WORK/base-$SUITE
if [ ! -f "$BASE/.complete" ]; then
    echo "debootstrap --variant=minbase $SUITE (kept in $BASE for the next run)"
    rm -rf "$BASE"
    t0=$SECONDS
    debootstrap --variant=minbase "$SUITE" "$BASE" "$MIRROR" > "$WORK/debootstrap.log" 2>&1 \
        || { tail -n 20 "$WORK/debootstrap.log" >&2; fatal "debootstrap failed (log: $WORK/debootstrap.log)"; }
    touch "$BASE/.complete"
    echo "debootstrap took $((SECONDS - t0)) s"
fi
R=$RUN/root
cp -a "$BASE" "$R"
rm -f "$R/.complete"

# A stand-in Java 25 runtime: provides java25-runtime-headless (so the Depends: is
# resolved by dpkg, not forced) and a fake java whose "release" file says 25 and
# which prints its arguments, so the launcher's choices can be checked.
fake_java_deb() {  # NAME MAJOR PROVIDES -> path of the .deb
    local name=$1 major=$2 provides=$3 d=$RUN/pkg-$1
    mkdir -p "$d/DEBIAN" "$d/usr/lib/jvm/java-$major-openjdk-fake/bin"
    cat > "$d/DEBIAN/control" <<EOF
Package: $name
Version: $major.0.0
Architecture: all
Maintainer: CI <ci@invalid>
${provides:+Provides: $provides
}Description: fake Java $major for the kiosk deploy tests
EOF
    printf 'JAVA_VERSION="%s.0.1"\n' "$major" > "$d/usr/lib/jvm/java-$major-openjdk-fake/release"
    printf '#!/bin/sh\necho "FAKEJAVA $*"\n' > "$d/usr/lib/jvm/java-$major-openjdk-fake/bin/java"
    chmod 0755 "$d/usr/lib/jvm/java-$major-openjdk-fake/bin/java"
    dpkg-deb --root-owner-group -b "$d" "$RUN/$name.deb" >/dev/null
    echo "$RUN/$name.deb"
}
FAKE25=$(fake_java_deb fake-java25 25 java25-runtime-headless)

# dpkg runs inside the root (chroot), as on a device. (Not the host's `dpkg --root`:
# dpkg 1.21 resolves the statoverride's "kiosk" group in the host's group database
# and aborts on an upgrade, "unknown system group 'kiosk' in statoverride file".)
dpkg_root() {
    local a args=()
    mkdir -p "$R/tmp/ci-debs"
    for a in "$@"; do
        if [[ "$a" == *.deb ]]; then
            cp "$a" "$R/tmp/ci-debs/"
            a=/tmp/ci-debs/$(basename "$a")
        fi
        args+=("$a")
    done
    chroot "$R" dpkg "${args[@]}" </dev/null
}
in_root() { chroot "$R" "$@"; }
status_of() { dpkg-query --admindir="$R/var/lib/dpkg" -W -f='${db:Status-Abbrev}${Version}' "$1" 2>/dev/null || true; }
# names as the scratch root's own /etc/passwd and /etc/group resolve them
mode_owner() { chroot "$R" stat -c '%a %U:%G' "$1"; }
passwd_line() { grep "^$1:" "$R/etc/passwd"; }

echo "-- install"
check "dpkg refuses kiosk without a Java 25 runtime" bash -c "$(declare -f dpkg_root); R='$R'; ! dpkg_root -i '$DEB' >/dev/null 2>&1"
dpkg_root --purge kiosk >/dev/null 2>&1 || true
dpkg_root -i "$FAKE25" > "$RUN/install-java.log" 2>&1 || fatal "installing the fake Java 25 failed: $(cat "$RUN/install-java.log")"
dpkg_root -i "$DEB" > "$RUN/install.log" 2>&1 || fatal "dpkg -i kiosk failed: $(cat "$RUN/install.log")"
check "kiosk installed" test "$(status_of kiosk)" = "ii $VERSION"
check "jar 0644 root" test "$(mode_owner /usr/share/kiosk/kiosk.jar)" = "644 root:root"
check "launcher 0755 root" test "$(mode_owner /usr/bin/kiosk)" = "755 root:root"
check "unit installed" test -f "$R/usr/lib/systemd/system/kiosk.service"
check "config 0640 root:kiosk" test "$(mode_owner /etc/kiosk/kiosk.toml)" = "640 root:kiosk"
check "mqtt-password created empty, 0640 root:kiosk" \
    bash -c "test '$(mode_owner /etc/kiosk/mqtt-password)' = '640 root:kiosk' && test ! -s '$R/etc/kiosk/mqtt-password'"
check "/var/lib/kiosk 0750 kiosk:kiosk" test "$(mode_owner /var/lib/kiosk)" = "750 kiosk:kiosk"
check "user kiosk: system uid, home /var/lib/kiosk, no login shell" \
    bash -c 'IFS=: read -r n _ uid _ _ home shell <<<"$1"; [ "$uid" -lt 1000 ] && [ "$home" = /var/lib/kiosk ] && [ "$shell" = /usr/sbin/nologin ]' _ "$(passwd_line kiosk)"
KIOSK_UID=$(passwd_line kiosk | cut -d: -f3)
groups_of_kiosk=" $(in_root id -nG kiosk) "
for g in kiosk gpio dialout lp; do
    check "kiosk is in group $g" bash -c '[[ "$1" == *" $2 "* ]]' _ "$groups_of_kiosk" "$g"
done
check "user kiosk-ui exists, not in device groups" \
    bash -c 'g=" $(chroot "$1" id -nG kiosk-ui) " || exit 1; [[ "$g" != *" gpio "* && "$g" != *" dialout "* ]]' _ "$R"
check "kiosk.service enabled" \
    bash -c "readlink '$R/etc/systemd/system/multi-user.target.wants/kiosk.service' | grep -q 'systemd/system/kiosk.service\$'"
check "kiosk-browser.service not enabled" test ! -e "$R/etc/systemd/system/graphical.target.wants/kiosk-browser.service"

echo "-- launcher"
check "launcher picks Java 25 and passes the Pi JVM flags" \
    bash -c 'o=$(chroot "$1" /usr/bin/kiosk --version); [[ "$o" == "FAKEJAVA "*"-Xmx64m"*"-XX:+UseSerialGC"*"--enable-native-access=ALL-UNNAMED"*"-jar /usr/share/kiosk/kiosk.jar --version" ]] || { echo "$o"; exit 1; }' _ "$R"
check "launcher under systemd: tmpdir in CacheDirectory, logging configured in code (no XML)" \
    bash -c 'o=$(chroot "$1" env CACHE_DIRECTORY=/var/cache/kiosk JOURNAL_STREAM=8:1 /usr/bin/kiosk run); [[ "$o" == *"-Djava.io.tmpdir=/var/cache/kiosk/tmp"* && "$o" == *"-Dorg.sqlite.tmpdir=/var/cache/kiosk/tmp"* && "$o" != *"-Dlogback.configurationFile"* && "$o" == *" run" ]] || { echo "$o"; exit 1; }' _ "$R"
check "launcher ignores the shipped start-up cache for another JVM" \
    bash -c 'o=$(chroot "$1" /usr/bin/kiosk --version); [[ "$o" != *"AOTCache"* ]] || { echo "$o"; exit 1; }' _ "$R"
check "launcher keeps arguments with spaces intact" \
    bash -c 'o=$(chroot "$1" /usr/bin/kiosk check-config --config "/etc/kiosk/my kiosk.toml"); [[ "$o" == *"kiosk.jar check-config --config /etc/kiosk/my kiosk.toml" ]] || { echo "$o"; exit 1; }' _ "$R"
FAKE17=$(fake_java_deb fake-java17 17 "")
cp "$FAKE17" "$R/tmp/fake17.deb"
check "launcher refuses Java 17 with a clear message" \
    bash -c 'd=$(mktemp -d "$1/tmp/j17.XXXX"); dpkg-deb -x "$1/tmp/fake17.deb" "$d"; rel=${d#"$1"}; o=$(chroot "$1" env KIOSK_JAVA="$rel/usr/lib/jvm/java-17-openjdk-fake/bin/java" /usr/bin/kiosk --version 2>&1) && exit 1; rm -rf "$d"; [[ "$o" == *"is Java 17; the kiosk needs Java 25 or newer"* ]] || { echo "$o"; exit 1; }' _ "$R"
HOST_JAVA=""
for j in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/temurin-25-jdk-amd64/bin/java /usr/lib/jvm/java-25-openjdk-amd64/bin/java; do
    if [ -x "$j" ]; then HOST_JAVA=$j; break; fi
done
if [ -n "$HOST_JAVA" ]; then
    check "packaged launcher + jar run on the build's Java 25 (--version)" \
        env KIOSK_JAVA="$HOST_JAVA" KIOSK_JAR="$R/usr/share/kiosk/kiosk.jar" "$R/usr/bin/kiosk" --version
    check "the build's Java 25 starts from the shipped start-up cache" \
        bash -c 'o=$(env KIOSK_JAVA="$1" KIOSK_JAR="$2/usr/share/kiosk/kiosk.jar" KIOSK_JAVA_OPTS=-Xlog:aot=info "$2/usr/bin/kiosk" --version 2>&1); [[ "$o" == *"Using AOT-linked classes: true"* ]] || { echo "$o" | tail -5; exit 1; }' _ "$HOST_JAVA" "$R"
else
    bad "packaged launcher + jar run on the build's Java 25" "no Java 25 found (JAVA_HOME, temurin-25)"
fi

echo "-- upgrade (same payload repacked as $VERSION+ci1; local state must survive)"
echo "# local edit by the CI" >> "$R/etc/kiosk/kiosk.toml"
printf 'secret\n' > "$R/etc/kiosk/mqtt-password"
echo data > "$R/var/lib/kiosk/outbox.db"
# What `systemctl disable kiosk` does (no systemctl in the minbase root).
rm "$R/etc/systemd/system/multi-user.target.wants/kiosk.service"
UP=$RUN/upgrade
dpkg-deb -R "$DEB" "$UP"
sed -i "s/^Version: .*/Version: $VERSION+ci1/" "$UP/DEBIAN/control"
dpkg-deb --root-owner-group -b "$UP" "$RUN/kiosk-upgrade.deb" >/dev/null
dpkg_root -i "$RUN/kiosk-upgrade.deb" > "$RUN/upgrade.log" 2>&1 || fatal "upgrade failed: $(cat "$RUN/upgrade.log")"
check "upgraded to $VERSION+ci1" test "$(status_of kiosk)" = "ii $VERSION+ci1"
check "conffile keeps the local edit" grep -q "local edit by the CI" "$R/etc/kiosk/kiosk.toml"
check "config still 0640 root:kiosk" test "$(mode_owner /etc/kiosk/kiosk.toml)" = "640 root:kiosk"
check "mqtt-password kept" grep -qx secret "$R/etc/kiosk/mqtt-password"
check "data kept" grep -qx data "$R/var/lib/kiosk/outbox.db"
check "one kiosk user, same uid" bash -c "[ \$(grep -c '^kiosk:' '$R/etc/passwd') -eq 1 ] && [ '$(passwd_line kiosk | cut -d: -f3)' = '$KIOSK_UID' ]"
check "admin's 'disable' survives the upgrade" test ! -e "$R/etc/systemd/system/multi-user.target.wants/kiosk.service"
ln -s /usr/lib/systemd/system/kiosk.service "$R/etc/systemd/system/multi-user.target.wants/kiosk.service"

echo "-- remove"
dpkg_root -r kiosk > "$RUN/remove.log" 2>&1 || fatal "dpkg -r failed: $(cat "$RUN/remove.log")"
check "status: removed, config files kept" test "$(status_of kiosk)" = "rc $VERSION+ci1"
check "jar and launcher gone" bash -c "test ! -e '$R/usr/share/kiosk/kiosk.jar' && test ! -e '$R/usr/bin/kiosk'"
check "/var/lib/kiosk kept on remove" grep -qx data "$R/var/lib/kiosk/outbox.db"
check "/etc/kiosk/kiosk.toml kept on remove" test -f "$R/etc/kiosk/kiosk.toml"
check "kiosk.service masked until purge" bash -c "[ \"\$(readlink '$R/etc/systemd/system/kiosk.service')\" = /dev/null ]"

echo "-- purge"
dpkg_root -P kiosk > "$RUN/purge.log" 2>&1 || fatal "dpkg -P failed: $(cat "$RUN/purge.log")"
check "package gone" test -z "$(status_of kiosk)"
check "/var/lib/kiosk gone" test ! -e "$R/var/lib/kiosk"
check "/var/cache/kiosk gone" test ! -e "$R/var/cache/kiosk"
check "/etc/kiosk gone" test ! -e "$R/etc/kiosk"
check "statoverride removed" bash -c "! chroot '$R' dpkg-statoverride --list /etc/kiosk/kiosk.toml >/dev/null"
check "enable symlink and masks gone" \
    bash -c "test ! -e '$R/etc/systemd/system/multi-user.target.wants/kiosk.service' && test ! -L '$R/etc/systemd/system/kiosk.service'"
check "system user kept after purge (no uid reuse), without a login shell" \
    bash -c "passwd_line() { grep \"^\$1:\" '$R/etc/passwd'; }; passwd_line kiosk | grep -q ':/usr/sbin/nologin\$'"

echo "-- reinstall after purge"
dpkg_root -i "$DEB" > "$RUN/reinstall.log" 2>&1 || fatal "reinstall failed: $(cat "$RUN/reinstall.log")"
check "reinstalled" test "$(status_of kiosk)" = "ii $VERSION"
check "same kiosk uid, one entry" bash -c "[ \$(grep -c '^kiosk:' '$R/etc/passwd') -eq 1 ] && [ \$(grep '^kiosk:' '$R/etc/passwd' | cut -d: -f3) = '$KIOSK_UID' ]"
check "enabled again" test -L "$R/etc/systemd/system/multi-user.target.wants/kiosk.service"

rm -rf "$R" "$VROOT" "$BROKEN"
summary
