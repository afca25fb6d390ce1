package it.outdial.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outdial.core.apikey.ApiKey;
import io.outdial.core.apikey.ApiScope;
import io.outdial.core.apikey.KeyHash;
import io.outdial.core.apikey.Secrets;
import io.outdial.persistence.apikey.ApiKeyStore;
import it.outdial.support.SharedServer;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API-key store inside Liberty: CDI wiring, the JTA-bound EntityManager, commit and rollback.
 */
@ExtendWith({SharedServer.class, ArquillianExtension.class})
class ApiKeyStoreInContainerIT {

  @Deployment
  static WebArchive deployment() {
    return ShrinkWrap.create(ZipImporter.class, "outdial-arquillian.war")
        .importFrom(new File(System.getProperty("outdial.war")))
        .as(WebArchive.class)
        .addClasses(ApiKeyStoreInContainerIT.class, SharedServer.class);
  }

  @Inject ApiKeyStore store;
  @Inject UserTransaction transaction;

  private static ApiKey newKey(String clientId) {
    return new ApiKey(
        KeyHash.of(Secrets.newApiKey()),
        clientId,
        "in-container",
        Set.of(ApiScope.AUDIT),
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        Optional.empty());
  }

  @Test
  void keyCreatedThroughTheStoreIsFoundByHashInsideTheSameJtaTransaction() throws Exception {
    ApiKey key = newKey("arquillian-commit");
    transaction.begin();
    store.create(key);
    Optional<ApiKey> found = store.findActive(key.hash());
    transaction.commit();

    assertTrue(found.isPresent());
    assertEquals(key.clientId(), found.get().clientId());
    assertEquals(Set.of(ApiScope.AUDIT), found.get().scopes());
    assertTrue(store.findActive(key.hash()).isPresent(), "visible after commit");
  }

  @Test
  void rolledBackTransactionLeavesNoKey() throws Exception {
    ApiKey key = newKey("arquillian-rollback");
    transaction.begin();
    store.create(key);
    assertTrue(store.findActive(key.hash()).isPresent(), "visible inside the transaction");
    transaction.rollback();

    assertFalse(store.findActive(key.hash()).isPresent());
    assertTrue(store.listActive("arquillian-rollback").isEmpty());
  }
}
