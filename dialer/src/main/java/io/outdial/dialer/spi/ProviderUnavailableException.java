package io.outdial.dialer.spi;

/**
 * The provider cannot take calls at all right now (trunk unreachable, stack down, simulator
 * switched off), as opposed to one call failing. Thrown synchronously by {@link
 * TelephonyProvider#placeCall}: no call exists and no event follows. The dispatcher's circuit
 * breaker counts these, and the API answers 502 while the breaker is open.
 */
public class ProviderUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProviderUnavailableException(String message) {
    super(message);
  }

  public ProviderUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
