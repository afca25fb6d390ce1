package io.outdial.persistence.jpa;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.transaction.TransactionScoped;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Owns the application's single {@link EntityManagerFactory}. Liberty's own JPA container speaks
 * Persistence 3.1 and Hibernate 7 needs 3.2, so the application bootstraps Hibernate itself on the
 * server's JTA data source; {@link EntityManager}s live as long as one JTA transaction.
 */
@ApplicationScoped
public class PersistenceUnit {
  /** The JNDI name of the data source configured in Liberty's {@code server.xml}. */
  public static final String DATA_SOURCE = "jdbc/outdial";

  @Resource(lookup = DATA_SOURCE)
  private DataSource dataSource;

  private volatile EntityManagerFactory factory;

  /** Runs the migrations, then opens the persistence unit, before anything else touches storage. */
  void start(@Observes @Priority(100) @Initialized(ApplicationScoped.class) Object event) {
    factory();
  }

  /** The data source, for the few callers that need plain JDBC (health checks). */
  public DataSource dataSource() {
    return dataSource;
  }

  private EntityManagerFactory factory() {
    EntityManagerFactory current = factory;
    if (current == null) {
      synchronized (this) {
        current = factory;
        if (current == null) {
          Migrations.migrate(dataSource);
          current =
              Persistence.createEntityManagerFactory(
                  "outdial", Map.of("jakarta.persistence.jtaDataSource", dataSource));
          factory = current;
        }
      }
    }
    return current;
  }

  @Produces
  @TransactionScoped
  EntityManager entityManager() {
    return factory().createEntityManager();
  }

  void close(@Disposes EntityManager entityManager) {
    if (entityManager.isOpen()) {
      entityManager.close();
    }
  }

  @PreDestroy
  void shutdown() {
    EntityManagerFactory current = factory;
    if (current != null && current.isOpen()) {
      current.close();
    }
  }
}
