package it.outdial.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the shared test server before other extensions (Arquillian) look for it, and publishes its
 * port and name as the system properties {@code outdial.it.http.port} and {@code
 * outdial.it.server.name} for {@code arquillian.xml}. Does nothing when the test runs inside the
 * server.
 */
public class SharedServer implements BeforeAllCallback {
  @Override
  public void beforeAll(ExtensionContext context) {
    if (System.getProperty("outdial.liberty.dir") == null) {
      return; // inside Liberty: the server is this very process
    }
    TestServer server = TestServer.shared();
    System.setProperty("outdial.it.http.port", Integer.toString(server.httpPort()));
    System.setProperty("outdial.it.server.name", server.liberty().name());
  }
}
