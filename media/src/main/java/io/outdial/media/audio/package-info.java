/**
 * Audio for real carriers: reading the WAV a text-to-speech server sends ({@link
 * io.outdial.media.audio.Wav}), bringing it to the telephone's 8 kHz ({@link
 * io.outdial.media.audio.Resampler}), and listening to the callee: voice activity for utterances
 * and barge-in ({@link io.outdial.media.audio.VoiceActivityDetector}), answering-machine detection
 * ({@link io.outdial.media.audio.AnsweringMachineDetector}) and the voicemail beep ({@link
 * io.outdial.media.audio.BeepDetector}).
 *
 * <p>Unless a name says otherwise, audio here is mono signed 16-bit PCM at 8 kHz in 20 ms frames of
 * 160 samples ({@link io.outdial.media.audio.Narrowband}), the payload of a G.711 RTP stream once
 * decoded. Codecs and transport belong to the carrier adapter. The detectors are streaming, one
 * instance per call, fed from the call's audio path; they allocate nothing per frame in the steady
 * state, hold no thread and are not thread-safe (one call's frames arrive in order on one path).
 */
package io.outdial.media.audio;
