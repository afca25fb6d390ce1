package io.outdial.persistence.dialing;

import io.outdial.persistence.jpa.PersistenceUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@link Transactor} in the server: the work runs in a JTA transaction, on the connection the data
 * source enlists in it (closing it hands it back; the commit happens when the method returns).
 */
@ApplicationScoped
public class JtaTransactor implements Transactor {
  @Inject PersistenceUnit persistence;

  @Override
  @Transactional
  public <T> T inTransaction(String what, Work<T> work) {
    try (Connection c = persistence.dataSource().getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw Transactor.failure(what, e);
    }
  }
}
