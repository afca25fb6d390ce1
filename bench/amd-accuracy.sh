#!/usr/bin/env bash
# Answering-machine detection of the SIP carrier: decision time and accuracy on generated greetings.
#
#   bench/amd-accuracy.sh
#   MVN_FLAGS="-o" KEEP=/tmp/amd-set bench/amd-accuracy.sh   # keep the generated audio
#
# Generates a set of greetings with espeak-ng (several voices and speeds) and sox: people
# ("Hello?" up to "Hi, this is Dana, ...") and answering machines (voicemail greetings of several
# lengths, followed by beeps of different frequencies and lengths, some without a beep), each
# starting after 300 ms of silence, resampled to 8 kHz mono 16-bit like the carrier's decoded
# RTP, with low background noise (-60 dBFS white noise) added.
# Then feeds each file through the carrier's FrameAnalyzer (io.outdial.carrier.sip.provider
# .AmdHarness, test sources of carrier-sip, a plain JVM) OFFLINE, in 20 ms frames on audio time,
# with the carrier's default AMD settings; after the file, silence follows for up to 8 s.
# Deterministic: no network, no baresip, no wall clock. Reports per file the verdict and its time
# after the answer, the confusion matrix (human/machine/unknown), the decision time p50/p95 per
# class, and when the voicemail would start on machines.
#
# Needs: a JDK 21+ (JAVA_HOME), espeak-ng, sox. Builds carrier-sip with its dependencies inside
# the tree (package, nothing installed to ~/.m2).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

set_dir=${KEEP:-$(mktemp -d)}
mkdir -p "$set_dir"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$set_dir"' EXIT

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; [ -n "${KEEP:-}" ] || rm -rf "$set_dir"' EXIT

# $1 output name, $2.. sox inputs (wav) to concatenate; 300 ms lead-in, 8 kHz, noise mixed in
emit() {
  local out=$1; shift
  sox -q -n -r 8000 -c 1 -b 16 "$tmp/lead.wav" trim 0 0.3
  sox -q "$tmp/lead.wav" "$@" -r 8000 -c 1 -b 16 "$tmp/joined.wav"
  local len; len=$(soxi -D "$tmp/joined.wav")
  sox -q -n -r 8000 -c 1 -b 16 "$tmp/noise.wav" synth "$len" whitenoise vol 0.001
  sox -q -m "$tmp/joined.wav" "$tmp/noise.wav" -t raw -e signed -b 16 -L -r 8000 -c 1 "$set_dir/$out.raw"
}
say() { # $1 wav, $2 voice, $3 speed, $4 text
  espeak-ng -v "$2" -s "$3" -w "$tmp/raw.wav" "$4"
  sox -q "$tmp/raw.wav" -r 8000 -c 1 -b 16 "$1"
}

voices="en-us en-gb en-us+f3 en-gb+m3"
human_texts=(
  "Hello?"
  "Hello."
  "Yes?"
  "Hello, who is this?"
  "Hi, this is Dana."
  "Hi, this is Dana, how can I help you?"
  "Good afternoon, Miller residence, Dana speaking."
)
machine_texts=(
  "Hi, you've reached Dana. Please leave a message."
  "Hi, you've reached Dana Miller. I can't take your call right now, please leave your name and number after the tone and I'll get back to you."
  "The person you are calling is not available. At the tone, please record your message. When you have finished recording, you may hang up."
  "Thank you for calling Miller and Sons plumbing. Our office is closed. Our hours are Monday to Friday, eight to five. Please leave a message and we will return your call on the next business day."
)
beeps=("0.5 sine 1000" "0.3 sine 850" "1.0 sine 1400" "0.25 sine 440" "")

i=0
for v in $voices; do
  for speed in 150 185; do
    for t in "${human_texts[@]}"; do
      i=$((i + 1))
      say "$tmp/h.wav" "$v" "$speed" "$t"
      emit "$(printf 'human-%03d-%s-%s' "$i" "${v//+/_}" "$speed")" "$tmp/h.wav"
    done
    b=0
    for t in "${machine_texts[@]}"; do
      i=$((i + 1))
      say "$tmp/m.wav" "$v" "$speed" "$t"
      beep=${beeps[$(( (i + b) % ${#beeps[@]} ))]}
      b=$((b + 1))
      if [ -n "$beep" ]; then
        sox -q -n -r 8000 -c 1 -b 16 "$tmp/gap.wav" trim 0 0.4
        # shellcheck disable=SC2086
        sox -q -n -r 8000 -c 1 -b 16 "$tmp/beep.wav" synth $beep vol 0.5
        emit "$(printf 'machine-%03d-%s-%s-beep%s' "$i" "${v//+/_}" "$speed" "$(echo "$beep" | awk '{print $3"Hz"$1"s"}')")" \
          "$tmp/m.wav" "$tmp/gap.wav" "$tmp/beep.wav"
      else
        emit "$(printf 'machine-%03d-%s-%s-nobeep' "$i" "${v//+/_}" "$speed")" "$tmp/m.wav"
      fi
    done
  done
done
echo "generated $(ls "$set_dir" | grep -c '^human') human and $(ls "$set_dir" | grep -c '^machine') machine greetings in $set_dir"

cp_file="$tmp/cp.txt"
./mvnw -q ${MVN_FLAGS:-} package dependency:build-classpath -DskipTests -Dspotless.check.skip=true \
  -pl carrier-sip -am -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
classpath="carrier-sip/target/test-classes:carrier-sip/target/classes:$(cat "$cp_file")"

echo "java: $($JAVA -version 2>&1 | head -1)"
$JAVA -cp "$classpath" io.outdial.carrier.sip.provider.AmdHarness "$set_dir"
