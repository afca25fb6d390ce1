/**
 * The {@code sip} telephony provider: outbound calls through a SIP trunk, built on the SIP
 * signalling ({@link io.outdial.carrier.sip}), RTP media ({@link io.outdial.media.rtp}) and audio
 * analysis ({@link io.outdial.media.audio}) packages, with speech from a text-to-speech server (or
 * espeak-ng) and the callee's words from a speech-to-text server.
 *
 * <p><b>Call flow.</b> {@code placeCall} opens the call's RTP ports, sends the INVITE and returns.
 * On the 200 OK the media session starts sending to the answer's address, and answering-machine
 * detection listens to what the callee says:
 *
 * <ul>
 *   <li>The dialer hears {@code onAnswered} only with the detector's verdict, not at the 200 OK:
 *       the agent's greeting must not start talking over a person's "Hello?", nor be wasted on a
 *       machine. A person is recognised by the silence after a short greeting (about 0.8 s after
 *       it), a machine by a long one (1.5 s of voice), so the wait is short for people and never
 *       longer than the detection's total time ({@code amd-total-ms}, 5 s; plus one second should
 *       no audio arrive at all). With {@code amd=false} the answer is reported at once as UNKNOWN.
 *   <li>HUMAN or UNKNOWN: the conversation. Every received frame goes through voice-activity
 *       detection; each utterance goes to speech to text and arrives as {@code onUtterance}; speech
 *       starting while the agent's audio plays cuts it off (barge-in, {@code
 *       onSpeechFinished(true)}). {@code speak} synthesises, resamples to 8 kHz and plays; {@code
 *       onSpeechFinished(false)} follows the last frame sent.
 *   <li>MACHINE: the beep detector listens; {@code onMachineBeep} comes when the beep ends, or, for
 *       machines that do not beep, when the greeting has ended and no beep followed within {@code
 *       amd-beep-fallback-ms} (2 s). The dialer then speaks the voicemail and hangs up.
 * </ul>
 *
 * <p><b>Transfers.</b> {@code placeLeg} calls a human without machine detection; {@code hold} loops
 * {@link io.outdial.carrier.sip.provider.HoldAudio} after the queued lines; {@code bridge} relays
 * each leg's received frames into the other's stream on the pacing thread, while both legs keep
 * their voice detection and speech to text; {@code refer} is an in-dialog SIP REFER.
 *
 * <p><b>Threads.</b> No thread per call. SIP events come on the SIP stack's threads, received audio
 * on the media engine's 20 ms pacing thread (which serves every call, so the per-frame work is kept
 * to the detectors, a few microseconds), speech and transcriptions on HTTP client threads,
 * espeak-ng through {@code Process.onExit()}. Each call decides under its own short lock and
 * delivers listener events through a per-call serial queue on the provider's executor: never on the
 * pacing thread, never under a lock the handle takes, never before {@code placeCall} returned.
 *
 * <p><b>Measures.</b> {@code quality()} gives, from the 200 OK, the time to the first frame of the
 * agent's audio sent, the time to the detector's verdict, and the dead air the callee met: from the
 * end of their last speech (or the answer) to that first frame.
 */
package io.outdial.carrier.sip.provider;
