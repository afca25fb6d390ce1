#!/usr/bin/env bash
# Answering-machine detection of the SIP carrier: decision time and accuracy on generated greetings.
#
#   bench/amd-accuracy.sh
#   MVN_FLAGS="-o" KEEP=/tmp/amd-set bench/amd-accuracy.sh   # keep the generated audio
#   KEEP=/tmp/amd-set bench/amd-accuracy.sh amd-withdraw-silence-ms=800   # reuse it, other settings
#
# Generates a set of greetings with espeak-ng (several voices and speeds) and sox: people
# ("Hello?" up to "Hi, this is Dana, ...") and answering machines (voicemail greetings of several
# lengths, followed by beeps of different frequencies and lengths, some without a beep), each
# starting after 300 ms of silence, resampled to 8 kHz mono 16-bit like the carrier's decoded
# RTP, with low background noise (-60 dBFS white noise) added. Then additions (names with -x) that
# try both sides of withdrawing a machine verdict: people who say a long greeting and "Hello?"
# again after a pause, or "Hello?" twice, or a longer greeting; machines with a short greeting and a
# beep, with pauses of 0.8-1 s inside the greeting, with 1.5 s between greeting and beep, and long
# and short greetings without a beep.
# Then feeds each file through the carrier's FrameAnalyzer (io.outdial.carrier.sip.provider
# .AmdHarness, test sources of carrier-sip, a plain JVM) OFFLINE, in 20 ms frames on audio time,
# with the carrier's default AMD settings, or the amd-* settings given as key=value arguments;
# after the file, silence follows for up to 8 s. A KEEP directory that already holds the set is
# reused as it is.
# Deterministic: no network, no baresip, no wall clock. Reports per file the verdict and its time
# after the answer, the confusion matrix (human/machine/unknown), the decision time p50/p95 per
# class, the dead air people meet, and when the voicemail would start on machines.
#
# Needs: a JDK 21+ (JAVA_HOME), espeak-ng, sox. Builds carrier-sip with its dependencies inside
# the tree (package, nothing installed to ~/.m2).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
# sox in repeatable mode: its noise and dither are seeded, so the set is the same on every run
export SOX_OPTS="-R"

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

generate() {
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

  # Additions: fair to both sides of withdrawing a machine verdict.
  pause() { sox -q -n -r 8000 -c 1 -b 16 "$1" trim 0 "$2"; }
  beep() { sox -q -n -r 8000 -c 1 -b 16 "$1" synth "$2" sine "$3" vol 0.5; } # wav, s, Hz
  local x=0 tag
  for v in $voices; do
    for speed in 150 185; do
      tag="${v//+/_}-$speed"
      say "$tmp/a.wav" "$v" "$speed" "Hello?"
      # people: a long greeting, then "Hello?" again after 0.6 s; after 1.5 s; "Hello?" twice;
      # a longer greeting
      x=$((x + 1))
      say "$tmp/g.wav" "$v" "$speed" "Good afternoon, Miller residence, Dana speaking."
      pause "$tmp/p.wav" 0.6
      emit "$(printf 'human-x%02d-%s-greeting-0.6s-hello' "$x" "$tag")" "$tmp/g.wav" "$tmp/p.wav" "$tmp/a.wav"
      x=$((x + 1))
      say "$tmp/g.wav" "$v" "$speed" "Hi, this is Dana, how can I help you?"
      pause "$tmp/p.wav" 1.5
      emit "$(printf 'human-x%02d-%s-greeting-1.5s-hello' "$x" "$tag")" "$tmp/g.wav" "$tmp/p.wav" "$tmp/a.wav"
      x=$((x + 1))
      pause "$tmp/p.wav" 0.6
      emit "$(printf 'human-x%02d-%s-hello-0.6s-hello' "$x" "$tag")" "$tmp/a.wav" "$tmp/p.wav" "$tmp/a.wav"
      x=$((x + 1))
      say "$tmp/g.wav" "$v" "$speed" "Hello, Dana Miller speaking, who is calling please?"
      emit "$(printf 'human-x%02d-%s-longer' "$x" "$tag")" "$tmp/g.wav"
      # machines: a short greeting and a beep
      x=$((x + 1))
      say "$tmp/g.wav" "$v" "$speed" "Please leave a message."
      pause "$tmp/p.wav" 0.3
      beep "$tmp/b.wav" 0.5 1000
      emit "$(printf 'machine-x%02d-%s-short-beep' "$x" "$tag")" "$tmp/g.wav" "$tmp/p.wav" "$tmp/b.wav"
      # pauses of 1 s and 0.8 s inside the greeting; a beep at 150 words a minute, none at 185
      x=$((x + 1))
      say "$tmp/g1.wav" "$v" "$speed" "Hi, you've reached Dana Miller."
      say "$tmp/g2.wav" "$v" "$speed" "I can't take your call right now."
      say "$tmp/g3.wav" "$v" "$speed" "Please leave a message after the tone."
      pause "$tmp/p.wav" 1.0
      pause "$tmp/q.wav" 0.8
      if [ "$speed" = 150 ]; then
        pause "$tmp/r.wav" 0.5
        beep "$tmp/b.wav" 0.5 1000
        emit "$(printf 'machine-x%02d-%s-pauses-beep' "$x" "$tag")" \
          "$tmp/g1.wav" "$tmp/p.wav" "$tmp/g2.wav" "$tmp/q.wav" "$tmp/g3.wav" "$tmp/r.wav" "$tmp/b.wav"
      else
        emit "$(printf 'machine-x%02d-%s-pauses-nobeep' "$x" "$tag")" \
          "$tmp/g1.wav" "$tmp/p.wav" "$tmp/g2.wav" "$tmp/q.wav" "$tmp/g3.wav"
      fi
      # 1.5 s from the greeting's end to the beep
      x=$((x + 1))
      say "$tmp/g.wav" "$v" "$speed" "${machine_texts[0]}"
      pause "$tmp/p.wav" 1.5
      beep "$tmp/b.wav" 0.3 850
      emit "$(printf 'machine-x%02d-%s-gap1.5s-beep' "$x" "$tag")" "$tmp/g.wav" "$tmp/p.wav" "$tmp/b.wav"
      # no beep: a long greeting, and the shortest one
      x=$((x + 1))
      say "$tmp/g.wav" "$v" "$speed" "${machine_texts[$((1 + x % 3))]}"
      emit "$(printf 'machine-x%02d-%s-long-nobeep' "$x" "$tag")" "$tmp/g.wav"
      x=$((x + 1))
      say "$tmp/g.wav" "$v" "$speed" "${machine_texts[0]}"
      emit "$(printf 'machine-x%02d-%s-short-nobeep' "$x" "$tag")" "$tmp/g.wav"
    done
  done
}

if ls "$set_dir"/*.raw >/dev/null 2>&1; then
  echo "reusing the set in $set_dir"
else
  generate
fi
echo "$(ls "$set_dir" | grep -c '^human') human and $(ls "$set_dir" | grep -c '^machine') machine greetings in $set_dir"

cp_file="$tmp/cp.txt"
./mvnw -q ${MVN_FLAGS:-} package dependency:build-classpath -DskipTests -Dspotless.check.skip=true \
  -pl carrier-sip -am -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
classpath="carrier-sip/target/test-classes:carrier-sip/target/classes:$(cat "$cp_file")"

echo "java: $($JAVA -version 2>&1 | head -1)"
$JAVA -cp "$classpath" io.outdial.carrier.sip.provider.AmdHarness "$set_dir" "$@"
