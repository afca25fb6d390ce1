/**
 * Outdial's dialer: the dispatcher that claims due contacts and places calls on managed executors,
 * the telephony and voice-agent service-provider interfaces, and the built-in simulated carrier and
 * scripted agent. Calls are events, not threads: a call in flight holds no thread.
 *
 * <p>Built so far: the telephony SPI ({@code spi}, providers found through {@link
 * io.outdial.dialer.spi.TelephonyProviderFactory} and ServiceLoader), the voice-agent SPI (agents
 * found through {@link io.outdial.dialer.agent.VoiceAgentFactory} and ServiceLoader) with the
 * scripted agent ({@code agent}, registered as {@code scripted}) and the OpenAI-compatible
 * chat-completions agent and Orpheus TTS client ({@code agent.openai}, on the JDK's HTTP client and
 * Jackson; the agent registered as {@code openai}), the simulated carrier ({@code sim}, registered
 * as {@code simulator}), the per-call driver ({@code call}) and the dispatcher ({@code dispatch})
 * on Jakarta Concurrency's managed scheduled executor, with the CDI producers that build the
 * provider, the agent and the call driver from MicroProfile Config and the circuit-breaker gate
 * that calls are placed through. The messaging SPI ({@code messaging}, providers found through
 * {@link io.outdial.dialer.messaging.MessagingProviderFactory}) with the simulated provider ({@code
 * messaging.sim}, registered as {@code simulator}) and the SMS sender ({@code sms}) that sends the
 * stored messages.
 */
module io.outdial.dialer {
  requires transitive io.outdial.persistence;
  requires transitive java.net.http; // HttpClient appears in the HTTP clients' constructors
  requires com.fasterxml.jackson.databind;
  requires jakarta.cdi;
  requires jakarta.inject;
  requires jakarta.annotation;
  requires jakarta.concurrency;
  requires microprofile.config.api;
  requires microprofile.fault.tolerance.api;

  exports io.outdial.dialer.spi;
  exports io.outdial.dialer.agent;
  exports io.outdial.dialer.agent.openai;
  exports io.outdial.dialer.sim;
  exports io.outdial.dialer.call;
  exports io.outdial.dialer.dispatch;
  exports io.outdial.dialer.analysis;
  exports io.outdial.dialer.messaging;
  exports io.outdial.dialer.messaging.sim;
  exports io.outdial.dialer.sms;

  uses io.outdial.dialer.spi.TelephonyProviderFactory;
  uses io.outdial.dialer.agent.VoiceAgentFactory;
  uses io.outdial.dialer.messaging.MessagingProviderFactory;

  provides io.outdial.dialer.spi.TelephonyProviderFactory with
      io.outdial.dialer.sim.SimulatedCarrierFactory;
  provides io.outdial.dialer.agent.VoiceAgentFactory with
      io.outdial.dialer.agent.ScriptedAgentFactory,
      io.outdial.dialer.agent.openai.ChatCompletionsAgentFactory;
  provides io.outdial.dialer.messaging.MessagingProviderFactory with
      io.outdial.dialer.messaging.sim.SimulatedMessagingFactory;
}
