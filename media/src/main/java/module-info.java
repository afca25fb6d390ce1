/**
 * Outdial's media building blocks, on the JDK alone: RTP for real calls ({@code rtp}: G.711, RFC
 * 4733 DTMF, the jitter buffer, one receive thread and one 20 ms pacing thread for every call) and
 * the audio the carriers hear and play ({@code audio}: WAV, resampling to 8 kHz, voice activity,
 * answering-machine and beep detection). It knows nothing of the dialer, of SIP or of any server
 * API; its one Outdial dependency is {@code core}, whose {@code AnsweredBy} the machine detector's
 * verdict maps to.
 */
module io.outdial.media {
  requires transitive io.outdial.core;

  exports io.outdial.media.rtp;
  exports io.outdial.media.audio;
}
