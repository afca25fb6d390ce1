#!/usr/bin/env bash
# Voice-to-voice latency of a whole call over real SIP and RTP, measured at the callee's side.
#
#   bench/voice-latency.sh                          # 10 calls streaming, then 10 calls "before"
#   CALLS=3 MODES=streaming bench/voice-latency.sh  # a quick try
#   QUIET=1 MODES=streaming bench/voice-latency.sh  # hold other builds (/tmp/outdial-quiet) while it
#                                                   # runs, after waiting up to QUIET_WAIT (150) s for
#                                                   # the 1-minute load to drop below 1.5
#
# Places CALLS calls, one after the other, from the SIP carrier of the carrier-sip module to
# Debian's baresip on 127.0.0.1 (io.outdial.carrier.sip.provider.VoiceLatencyHarness, test sources
# of carrier-sip, a plain JVM, no Liberty), each driven by the dialer's real conversation engine:
# CallConductor/CallSession, the OpenAI-compatible agent (stream: true, server-sent events, the
# first sentence to text to speech while the rest is generated) and the carrier's HTTP
# text-to-speech and speech-to-text clients.
#
# The speech-to-text, LLM and text-to-speech servers are LOCAL STAND-INS (LatencyStubs: no model
# servers run here) that answer on a latency profile:
#   STT_MS        speech to text answers this long after the upload completes        (150)
#   LLM_FIRST_MS  the chat completion's first token after the request                 (350)
#   LLM_TPS       then tokens per second (4-character tokens of the reply's JSON)     (40)
#   TTS_FIRST_MS  text to speech's first audio after the request                      (200)
#   TTS_SPEED     then audio at this many times real time, in 60 ms chunks            (3)
# PREPARE       "true": the greeting's audio is prepared when the first call is placed, as the
#               dispatcher does for every campaign; "false": synthesised at the first answer   (true)
# MODES: "streaming" (SSE and chunked audio: the product as it is) and/or "before" (the stubs
# answer whole: plain JSON once the last token is generated, the whole WAV once synthesised —
# the clients accept both, which gives the numbers before the streaming pipeline).
# The callee plays espeak-ng speech: "Hello?", then TURNS (3) questions, the first FIRST_GAP (8) s
# after "Hello?", the next GAP (7) s apart, GAP after the last; baresip records what it sent and
# what it heard. A call lasts about 38 s.
# Reported: voice to voice at the callee (end of its utterance -> first agent audio it heard, found
# by energy: 20 ms frames above -40 dBFS), answer -> first agent audio, the engine's own numbers
# (MediaQuality) beside them, and the floor = endpointing + STT + LLM time to the first complete
# sentence + TTS first audio, from the profile.
#
# Needs: a JDK 21+ (JAVA_HOME), baresip (apt-get install baresip-core), espeak-ng, sox. Builds
# carrier-sip with its dependencies inside the tree (package, nothing installed to ~/.m2).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

CALLS=${CALLS:-10}
MODES=${MODES:-streaming before}
TURNS=${TURNS:-3}

work=$(mktemp -d)
cleanup() {
  rm -rf "$work"
  if [ -n "${made_quiet:-}" ]; then rm -f /tmp/outdial-quiet; fi
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

# builds wait while another benchmark holds the machine quiet
while [ -e /tmp/outdial-quiet ]; do sleep 20; done
cp_file="$work/cp.txt"
nice -n 19 ./mvnw -q ${MVN_FLAGS:-} package dependency:build-classpath -DskipTests -Dspotless.check.skip=true \
  -pl carrier-sip -am -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
classpath="carrier-sip/target/test-classes:carrier-sip/target/classes:$(cat "$cp_file")"

if [ -n "${QUIET:-}" ]; then
  # the window (this wait plus the calls, about 40 s each) must stay short, under 10 minutes: other
  # builds wait on it. One mode at a time.
  made_quiet=1
  touch /tmp/outdial-quiet
  for _ in $(seq 1 $(( ${QUIET_WAIT:-150} / 10 ))); do # until the 1-minute load is below 1.5
    awk '{exit !($1 < 1.5)}' /proc/loadavg && break
    sleep 10
  done
fi

echo "nproc: $(nproc); $(grep -m1 'model name' /proc/cpuinfo); $(free -g | awk '/Mem:/{print $2}') GiB"
echo "java: $($JAVA -version 2>&1 | head -1); baresip: $(dpkg-query -W -f '${Version}' baresip-core 2>/dev/null || echo '?')"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); load at start: $(cut -d' ' -f1-3 /proc/loadavg)"

for mode in $MODES; do
  echo
  echo "== $mode, $CALLS calls (load $(cut -d' ' -f1 /proc/loadavg)) =="
  $JAVA -Xmx512m -cp "$classpath" io.outdial.carrier.sip.provider.VoiceLatencyHarness \
    "calls=$CALLS" "mode=$mode" "turns=$TURNS" "gap=${GAP:-7}" "first-gap=${FIRST_GAP:-8}" \
    "endpointing-ms=${ENDPOINTING_MS:-700}" "stt-ms=${STT_MS:-150}" \
    "llm-first-ms=${LLM_FIRST_MS:-350}" "llm-tps=${LLM_TPS:-40}" \
    "tts-first-ms=${TTS_FIRST_MS:-200}" "tts-speed=${TTS_SPEED:-3}" "prepare=${PREPARE:-true}" \
    "work=$work/$mode" 2>&1 \
    | grep -v -E '^(WARNING|INFO|[A-Z][a-z]{2} [0-9]+, [0-9]{4})' || true
done
