#!/usr/bin/env bash
# Simultaneous SIP calls held by one Outdial SIP carrier, on this machine only.
#
#   bench/sip-concurrent.sh                     # 50, 100, 150 and 200 calls, 60 s each
#   CALLS="100" SECONDS_HELD=20 bench/sip-concurrent.sh   # a quick try
#   MVN_FLAGS="-o -Dmaven.repo.local=/path" bench/sip-concurrent.sh
#
# For each number of calls N in CALLS, starts Debian's baresip on loopback (one process, answering
# up to N + 1 calls, playing a one-second tone then silence) and the SIP carrier of the carrier-sip
# module on the same machine (io.outdial.carrier.sip.provider.SipLoadHarness, a plain JVM, no
# Liberty), places N calls, and once all are answered has the agent speak on every call without
# pause for SECONDS_HELD seconds (line after line; a text-to-speech stand-in returns 5 s of 24 kHz audio that the carrier
# resamples and paces like any agent speech; answering-machine and voice-activity detection run on
# every received frame). It reports the outgoing frames sent, late (more than 20 ms after due) and
# skipped, incoming packets lost, and the CPU of the carrier's JVM and of baresip per call-second.
# Goal of the SIP issue: at least 100 calls held 60 s with under 1 % late or lost frames on 2 cores.
#
# Needs: a JDK 21+ (JAVA_HOME), baresip (apt-get install baresip-core), a built tree.
set -euo pipefail
cd "$(dirname "$0")/.."

CALLS=${CALLS:-50 100 150 200}
SECONDS_HELD=${SECONDS_HELD:-60}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

echo "nproc: $(nproc); $(grep -m1 'model name' /proc/cpuinfo)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $($JAVA -version 2>&1 | head -1); baresip: $(dpkg-query -W -f '${Version}' baresip-core 2>/dev/null || echo '?')"

./mvnw -q ${MVN_FLAGS:-} install -DskipTests -pl carrier-sip -am
cp_file=$(mktemp)
./mvnw -q ${MVN_FLAGS:-} dependency:build-classpath -pl carrier-sip -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cp_file"
classpath="carrier-sip/target/test-classes:carrier-sip/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"

for n in $CALLS; do
  echo
  echo "== $n calls, $SECONDS_HELD s (load $(cut -d' ' -f1 /proc/loadavg)) =="
  $JAVA -Xmx1g -cp "$classpath" io.outdial.carrier.sip.provider.SipLoadHarness "$n" "$SECONDS_HELD" 2>&1 \
    | grep -v -E '^(WARNING|INFO|[A-Z][a-z]{2} [0-9]+, [0-9]{4})' || true
done
