#!/usr/bin/env bash
# Regenerates the speech fixtures of the audio tests: 8 kHz mono PCM16 WAV files made with
# espeak-ng and sox, and fixtures.properties with where each part starts and ends (in ms).
# The WAVs are committed so the tests need neither tool; run this only to change them.
# Needs: espeak-ng, sox (Debian: apt-get install espeak-ng sox).
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

PCM=(-r 8000 -c 1 -b 16 -e signed-integer)
# -R: repeatable (seeded noise and dither), so a rerun gives the same files
sox() { command sox -R "$@"; }
NOISE_VOL=0.002 # white line noise, about -60 dBFS RMS, so the silences are not digital zero

# speak NAME VOICE TEXT: 8 kHz speech at $SPEED words a minute (default 150),
# with espeak's own leading and trailing silence trimmed
speak() {
  espeak-ng -v "$2" -s "${SPEED:-150}" -w "$tmp/$1-raw.wav" "$3"
  sox "$tmp/$1-raw.wav" "${PCM[@]}" "$tmp/$1.wav" \
    silence 1 0.02 -45d reverse silence 1 0.02 -45d reverse
}
# gap NAME SECONDS: digital silence
gap() { sox -n "${PCM[@]}" "$tmp/$1.wav" trim 0 "$2"; }
# ms FILE: length in whole milliseconds
ms() { echo $(( $(soxi -s "$1") * 1000 / 8000 )); }
# noisy OUT PARTS...: concatenates the parts and adds the line noise (seeded: sox -R)
noisy() {
  local out=$1; shift
  sox "$@" "$tmp/joined.wav"
  sox -n "${PCM[@]}" "$tmp/noise.wav" synth "$(soxi -D "$tmp/joined.wav")" whitenoise vol "$NOISE_VOL"
  sox -m -v 1 "$tmp/joined.wav" -v 1 "$tmp/noise.wav" "${PCM[@]}" "$out"
}

props=fixtures.properties
echo "# Written by generate.sh: offsets in ms from the start of each file" > "$props"

# 1. A person answering: a short "Hello?" and then waiting.
gap lead 0.6; speak hello en-us "Hello?"; gap tail 2.4
noisy hello.wav "$tmp/lead.wav" "$tmp/hello.wav" "$tmp/tail.wav"
start=$(ms "$tmp/lead.wav")
{ echo "hello.speech.start=$start"; echo "hello.speech.end=$(( start + $(ms "$tmp/hello.wav") ))"; } >> "$props"

# 2. A voicemail greeting of several sentences, a 1 kHz beep, then silence.
gap lead 0.4
SPEED=175 speak greeting en-us+f3 "Hi, this is Jordan. I cannot take your call right now. Please leave a message after the tone."
gap pause 0.4
sox -n "${PCM[@]}" "$tmp/beep.wav" synth 0.5 sine 1000 vol 0.4
gap tail 1.2
noisy voicemail.wav "$tmp/lead.wav" "$tmp/greeting.wav" "$tmp/pause.wav" "$tmp/beep.wav" "$tmp/tail.wav"
start=$(ms "$tmp/lead.wav"); end=$(( start + $(ms "$tmp/greeting.wav") ))
beep=$(( end + $(ms "$tmp/pause.wav") ))
{
  echo "voicemail.greeting.start=$start"; echo "voicemail.greeting.end=$end"
  echo "voicemail.beep.start=$beep"; echo "voicemail.beep.end=$(( beep + $(ms "$tmp/beep.wav") ))"
} >> "$props"

# 3. One sentence said in two parts with a 1.2 s pause: two utterances.
gap lead 0.5; speak first en-us "I would like to hear more about it,"; gap pause 1.2
speak second en-us "but please call me again tomorrow morning."; gap tail 1.0
noisy two-utterances.wav "$tmp/lead.wav" "$tmp/first.wav" "$tmp/pause.wav" "$tmp/second.wav" "$tmp/tail.wav"
a=$(ms "$tmp/lead.wav"); b=$(( a + $(ms "$tmp/first.wav") )); c=$(( b + $(ms "$tmp/pause.wav") ))
{
  echo "two-utterances.first.start=$a"; echo "two-utterances.first.end=$b"
  echo "two-utterances.second.start=$c"; echo "two-utterances.second.end=$(( c + $(ms "$tmp/second.wav") ))"
} >> "$props"

ls -l ./*.wav "$props"
