package io.outdial.carrier.sip;

/**
 * Closes SIP stacks off the test thread: the NIST stack's {@code stop()} sleeps about two seconds
 * before it returns, which would otherwise add up to most of these tests' running time. Nothing a
 * test asserts depends on the stop having finished; every stack listens on its own free port.
 */
final class Closing {
  private Closing() {}

  static void inBackground(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    Thread.ofVirtual()
        .name("close-" + closeable.getClass().getSimpleName())
        .start(
            () -> {
              try {
                closeable.close();
              } catch (Exception e) {
                throw new IllegalStateException("could not close " + closeable, e);
              }
            });
  }
}
