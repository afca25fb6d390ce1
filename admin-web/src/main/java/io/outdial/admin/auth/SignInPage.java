package io.outdial.admin.auth;

import io.outdial.admin.web.Pages;
import io.outdial.core.admin.KeyAttempt;
import io.outdial.persistence.admin.AdminKeys;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;

/**
 * The sign-in form: the admin key, checked in constant time, with wrong keys slowed down by the
 * same rule and count as the admin API's {@code X-Admin-Key}.
 */
@Named
@RequestScoped
public class SignInPage {
  /** {@code reason} values the sign-in page explains. */
  public static final String REQUIRED = "required";

  public static final String EXPIRED = "expired";
  public static final String SIGNED_OUT = "signedout";

  private static final Map<String, String> NOTICES =
      Map.of(
          REQUIRED, "Please sign in to continue.",
          EXPIRED, "Your session or page has expired. Please sign in again.",
          SIGNED_OUT, "You are signed out.");

  @Inject AdminKeys adminKeys;
  @Inject Clock clock;

  private String key;
  private String reason;

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  @PostConstruct
  void readReason() {
    reason =
        FacesContext.getCurrentInstance()
            .getExternalContext()
            .getRequestParameterMap()
            .get("reason");
  }

  /**
   * Why the admin was sent here, in words, or null; only fixed texts, never the request's own text.
   */
  public String getNotice() {
    return reason == null ? null : NOTICES.get(reason);
  }

  /**
   * Checks the key through {@link AdminKeys#attempt} (the admin API's throttle and count, too); on
   * success starts the signed-in session and opens the key list. The sign-in page is stateless, so
   * this is the first moment a session exists.
   */
  public void signIn() throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    String candidate = key == null ? "" : key.strip();
    key = null;
    switch (adminKeys.attempt(request.getRemoteAddr(), candidate)) {
      case KeyAttempt.LockedOut locked ->
          error(
              faces,
              "Too many wrong keys from your address. Try again in " + locked.seconds() + " s.");
      case KeyAttempt.Wrong wrong -> error(faces, "That is not the admin key.");
      case KeyAttempt.Accepted accepted -> {
        startSignedInSession(request);
        external.redirect(Pages.url(external, Pages.KEYS));
        faces.responseComplete();
      }
    }
  }

  /**
   * A session with a new id at the privilege change, so that a planted cookie never becomes an
   * admin's: an existing session (the browser's, from before) gets a new id, otherwise a new one is
   * made ({@code changeSessionId} needs a session).
   */
  private void startSignedInSession(HttpServletRequest request) {
    if (request.getSession(false) != null) {
      request.changeSessionId();
    }
    request.getSession(true).setAttribute(AdminSession.SIGNED_IN, clock.instant());
  }

  private static void error(FacesContext faces, String text) {
    faces.addMessage("signin:key", new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    faces.validationFailed();
  }
}
