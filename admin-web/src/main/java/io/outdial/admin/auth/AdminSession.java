package io.outdial.admin.auth;

import io.outdial.admin.web.Pages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * Whether the current HTTP session belongs to a signed-in admin, and signing out.
 *
 * <p>The mark is one session attribute, set only after the admin key matched; the guard filter
 * reads the same attribute. The session itself (cookie flags, timeout) is configured in Liberty's
 * {@code server.xml}.
 */
@Named
@RequestScoped
public class AdminSession {
  /** The session attribute that marks a signed-in admin; its value is the sign-in instant. */
  public static final String SIGNED_IN = "io.outdial.admin.signedInAt";

  private static final String DEFAULT_COOKIE = "JSESSIONID";

  /** Whether {@code session} (which may be null) is a signed-in admin's. */
  public static boolean isSignedIn(HttpSession session) {
    if (session == null) {
      return false;
    }
    try {
      return session.getAttribute(SIGNED_IN) instanceof Instant;
    } catch (IllegalStateException invalidated) {
      return false;
    }
  }

  /** Whether the current request comes from a signed-in admin. */
  public boolean isSignedIn() {
    Object session = FacesContext.getCurrentInstance().getExternalContext().getSession(false);
    return session instanceof HttpSession http && isSignedIn(http);
  }

  /**
   * Ends the session (and with it every view and one-time value in it), has the browser drop its
   * cookie and goes to sign-in. (Sign-in makes no session of its own, so without that the browser
   * would keep sending the ended session's id, and the next page would say the session expired.)
   */
  public void signOut() throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    external.invalidateSession();
    forgetSessionCookie(external);
    external.redirect(Pages.url(external, Pages.SIGN_IN + "?reason=" + SignInPage.SIGNED_OUT));
    faces.responseComplete();
  }

  private static void forgetSessionCookie(ExternalContext external) {
    SessionCookieConfig config = ((ServletContext) external.getContext()).getSessionCookieConfig();
    String name = config.getName() == null ? DEFAULT_COOKIE : config.getName();
    String path = config.getPath() == null ? "/" : config.getPath();
    external.addResponseCookie(
        name, "", Map.of("maxAge", 0, "path", path, "httpOnly", Boolean.TRUE));
  }
}
