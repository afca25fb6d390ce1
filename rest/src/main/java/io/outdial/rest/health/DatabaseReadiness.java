package io.outdial.rest.health;

import io.outdial.persistence.jpa.PersistenceUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when a database connection answers within two seconds. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {
  private static final int TIMEOUT_SECONDS = 2;

  @Inject PersistenceUnit persistence;

  @Override
  public HealthCheckResponse call() {
    try (Connection connection = persistence.dataSource().getConnection()) {
      boolean valid = connection.isValid(TIMEOUT_SECONDS);
      return HealthCheckResponse.named("database").status(valid).build();
    } catch (SQLException e) {
      // the reason stays in the server log; the health answer only says which check failed
      return HealthCheckResponse.named("database").down().build();
    }
  }
}
