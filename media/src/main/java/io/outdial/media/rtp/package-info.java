/**
 * RTP media for real calls: G.711 audio and RFC 4733 DTMF over UDP, written on the JDK alone
 * (non-blocking {@code DatagramChannel}s and one {@code Selector}) because no usable RTP library
 * exists for us. A {@link io.outdial.media.rtp.MediaEngine} serves every call of a telephony
 * provider with one receive thread and one 20 ms pacing thread, so a call in flight holds no
 * thread; each call is a {@link io.outdial.media.rtp.MediaSession} whose received audio reaches a
 * {@link io.outdial.media.rtp.MediaListener} as 20 ms frames (160 PCM16 samples at 8 kHz) after a
 * jitter buffer. Units: samples are 16-bit signed PCM at 8 000 Hz; RTP timestamps count samples.
 */
package io.outdial.media.rtp;
