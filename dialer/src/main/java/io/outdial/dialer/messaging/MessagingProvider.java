package io.outdial.dialer.messaging;

/**
 * Hands text messages to a carrier. {@link #send} may block for as long as the carrier takes to
 * answer (bounded by the provider's own timeouts); the SMS sender calls it from a managed thread,
 * never from a request. Implementations are thread-safe.
 */
public interface MessagingProvider extends AutoCloseable {
  /** The name configuration selects this provider by. */
  String name();

  /** Sends one message; never throws for a carrier's answer, which is the result. */
  SendResult send(OutboundSms message);

  /** Releases connections and threads. */
  @Override
  void close();
}
