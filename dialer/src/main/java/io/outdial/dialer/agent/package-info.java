/**
 * The voice-agent service-provider interface and the default, deterministic scripted agent. A
 * {@link io.outdial.dialer.agent.VoiceAgent} reads the campaign's script, the contact and the
 * transcript so far and answers asynchronously with what to say next, the intents it heard and,
 * once it knows, the call's disposition. Agents register a {@link
 * io.outdial.dialer.agent.VoiceAgentFactory} with ServiceLoader and are created by name through
 * {@link io.outdial.dialer.agent.VoiceAgents} ({@code outdial.agent}, settings from {@code
 * outdial.agent.<name>.<key>}). {@link io.outdial.dialer.agent.SpeechSynthesizer} is the
 * text-to-speech side a real carrier needs to turn that text into audio.
 */
package io.outdial.dialer.agent;
