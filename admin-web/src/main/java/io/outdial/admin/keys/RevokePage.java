package io.outdial.admin.keys;

import io.outdial.admin.web.Pages;
import io.outdial.core.ValidationException;
import io.outdial.core.apikey.KeyHash;
import io.outdial.persistence.apikey.ApiKeyStore;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.util.Optional;

/**
 * Revocation in two steps: a GET shows the key named by the {@code key} parameter (its hash) and
 * asks for confirmation; only the form's POST revokes it, after which the key stops working at once
 * (the API looks keys up in the store on every request).
 */
@Named
@RequestScoped
public class RevokePage {
  @Inject ApiKeyStore store;
  @Inject Clock clock;

  private String hash;
  private Optional<KeyRow> key;

  @PostConstruct
  void readKey() {
    // the GET link and the confirmation form (a plain hidden field) both carry it as "key"
    hash =
        FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("key");
  }

  public String getHash() {
    return hash;
  }

  /** The active key to revoke; null when the hash is malformed, unknown or already revoked. */
  public KeyRow getTarget() {
    return key().orElse(null);
  }

  private Optional<KeyRow> key() {
    if (key == null) {
      key = parsed().flatMap(store::findActive).map(KeyRow::from);
    }
    return key;
  }

  public String revoke() {
    Optional<KeyRow> target = key();
    boolean revoked =
        target.isPresent() && store.revoke(new KeyHash(target.get().hash()), clock.instant());
    // The notice travels in the redirect's query, not in the flash: a flash message can be lost
    // to another request of the same session between the redirect and the page that shows it.
    return Pages.KEYS
        + "?faces-redirect=true"
        + target.map(row -> "&client=" + row.clientId()).orElse("")
        + "&revoked="
        + (revoked ? target.get().shortPrefix() : KeysPage.NOT_REVOKED);
  }

  private Optional<KeyHash> parsed() {
    try {
      return Optional.of(new KeyHash(hash));
    } catch (ValidationException e) {
      return Optional.empty();
    }
  }
}
