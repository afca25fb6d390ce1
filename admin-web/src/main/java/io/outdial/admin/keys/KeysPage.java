package io.outdial.admin.keys;

import io.outdial.core.ValidationException;
import io.outdial.core.apikey.ApiKey;
import io.outdial.persistence.apikey.ApiKeyStore;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
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

  /** The {@code revoked} parameter's value when nothing was revoked. */
  static final String NOT_REVOKED = "none";

  private static final java.util.regex.Pattern SHORT_HASH =
      java.util.regex.Pattern.compile("sha256:[0-9a-f]{8}");

  @PostConstruct
  void readFilter() {
    String given =
        FacesContext.getCurrentInstance()
            .getExternalContext()
            .getRequestParameterMap()
            .get("client");
    client = given == null ? "" : given.strip();
  }

  /** Shows what the revoke page's redirect says it did ({@code revoked} query parameter). */
  public void showRevocationNotice() {
    FacesContext faces = FacesContext.getCurrentInstance();
    String revoked = faces.getExternalContext().getRequestParameterMap().get("revoked");
    if (NOT_REVOKED.equals(revoked)) {
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_WARN, "That key was already revoked or does not exist.", null));
    } else if (revoked != null && SHORT_HASH.matcher(revoked).matches()) {
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_INFO,
              "Key "
                  + revoked
                  + "… "
                  + (client.isEmpty() ? "" : "of client " + client + " ")
                  + "is revoked. It no longer works on the API.",
              null));
    }
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
