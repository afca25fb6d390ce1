package io.outdial.admin.keys;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.Optional;

/**
 * The page after creation: shows the new key's secret if it is still waiting in the session, and
 * takes it out while doing so; any later request (reload, back, another tab) finds it gone.
 */
@Named
@RequestScoped
public class CreatedKeyPage {
  /** The same warning as the API's create answer. */
  public static final String WARNING = "Store this key securely. It will not be shown again.";

  @Inject Clock clock;

  private Optional<NewKey> newKey = Optional.empty();

  @PostConstruct
  void takeTheKey() {
    Object session = FacesContext.getCurrentInstance().getExternalContext().getSession(false);
    newKey = NewKey.take((HttpSession) session, clock.instant());
  }

  public boolean isShown() {
    return newKey.isPresent();
  }

  public String getRawKey() {
    return newKey.map(NewKey::rawKey).orElse(null);
  }

  public KeyRow getKey() {
    return newKey.map(NewKey::key).orElse(null);
  }

  public String getWarning() {
    return WARNING;
  }
}
