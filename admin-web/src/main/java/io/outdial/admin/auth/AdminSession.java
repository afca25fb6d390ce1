package io.outdial.admin.auth;

import io.outdial.admin.web.Pages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;

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

  /** Ends the session (and with it every view and one-time value in it) and goes to sign-in. */
  public void signOut() throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    external.invalidateSession();
    external.redirect(Pages.url(external, Pages.SIGN_IN + "?reason=" + SignInPage.SIGNED_OUT));
    faces.responseComplete();
  }
}
