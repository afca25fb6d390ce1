package io.outdial.admin.keys;

import io.outdial.core.ValidationException;
import io.outdial.core.apikey.ApiKey;
import io.outdial.persistence.apikey.ApiKeyStore;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The key list: every active key, or one client's when the {@code client} parameter is given. */
@Named
@RequestScoped
public class KeysPage {
  @Inject ApiKeyStore store;

  private String client = "";
  private String clientError;
  private List<KeyRow> keys;

  @PostConstruct
  void readFilter() {
    String given =
        FacesContext.getCurrentInstance()
            .getExternalContext()
            .getRequestParameterMap()
            .get("client");
    client = given == null ? "" : given.strip();
  }

  /** The client filter as typed (empty for all clients). */
  public String getClient() {
    return client;
  }

  public boolean isFiltered() {
    return !client.isEmpty();
  }

  /** Why the filter is not a valid client id (the API's rule), or null. */
  public String getClientError() {
    keys();
    return clientError;
  }

  public List<KeyRow> getKeys() {
    return keys();
  }

  private List<KeyRow> keys() {
    if (keys == null) {
      if (client.isEmpty()) {
        keys = store.listActive().stream().map(KeyRow::from).toList();
      } else {
        try {
          keys = store.listActive(ApiKey.validClientId(client)).stream().map(KeyRow::from).toList();
        } catch (ValidationException e) {
          clientError = e.getMessage();
          keys = List.of();
        }
      }
    }
    return keys;
  }
}
