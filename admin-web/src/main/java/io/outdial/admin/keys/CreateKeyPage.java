package io.outdial.admin.keys;

import io.outdial.admin.web.Pages;
import io.outdial.core.ValidationException;
import io.outdial.core.apikey.ApiKey;
import io.outdial.core.apikey.ApiScope;
import io.outdial.core.apikey.KeyHash;
import io.outdial.core.apikey.Secrets;
import io.outdial.persistence.apikey.ApiKeyStore;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The create-key form. Fields are checked by the same validators as {@code POST /admin/api-keys}
 * ({@link ApiKey#validClientId}, {@link ApiKey#validName}, {@link ApiKey#validScopes}); each
 * problem is shown next to its field, all at once.
 */
@Named
@RequestScoped
public class CreateKeyPage {
  /** How long a created key waits in the session to be shown before it is dropped unseen. */
  static final Duration SHOW_WITHIN = Duration.ofMinutes(5);

  static final String FORM = "create";

  @Inject ApiKeyStore store;
  @Inject Clock clock;

  private String clientId;
  private String name;
  private List<String> scopes = new ArrayList<>();

  @PostConstruct
  void prefill() {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (!faces.isPostback()) {
      clientId = faces.getExternalContext().getRequestParameterMap().get("client");
    }
  }

  /** Stores a new key and sends the admin to the page that shows its secret once. */
  public String create() {
    FacesContext faces = FacesContext.getCurrentInstance();
    String client = checked(faces, "clientId", () -> ApiKey.validClientId(clientId));
    String keyName = checked(faces, "name", () -> ApiKey.validName(name));
    Set<ApiScope> granted = checked(faces, "scopes", () -> ApiKey.validScopes(scopes));
    if (client == null || keyName == null || granted == null) {
      faces.validationFailed();
      return null;
    }
    String raw = Secrets.newApiKey();
    ApiKey key =
        new ApiKey(KeyHash.of(raw), client, keyName, granted, clock.instant(), Optional.empty());
    store.create(key);
    HttpSession session = (HttpSession) faces.getExternalContext().getSession(true);
    NewKey.offer(session, new NewKey(raw, KeyRow.from(key)), clock.instant().plus(SHOW_WITHIN));
    return Pages.CREATED + "?faces-redirect=true";
  }

  /** The value {@code check} returns, or null after putting its message next to {@code field}. */
  private static <T> T checked(FacesContext faces, String field, Supplier<T> check) {
    try {
      return check.get();
    } catch (ValidationException e) {
      faces.addMessage(
          FORM + ":" + field, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
      return null;
    }
  }

  public List<ApiScope> getScopeChoices() {
    return List.of(ApiScope.values());
  }

  public String getClientId() {
    return clientId;
  }

  public void setClientId(String clientId) {
    this.clientId = clientId;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public List<String> getScopes() {
    return scopes;
  }

  public void setScopes(List<String> scopes) {
    this.scopes = scopes == null ? new ArrayList<>() : scopes;
  }
}
