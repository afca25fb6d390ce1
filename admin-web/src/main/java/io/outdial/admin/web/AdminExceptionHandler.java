package io.outdial.admin.web;

import io.outdial.admin.auth.SignInPage;
import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.io.IOException;
import java.util.Iterator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every failure in a Faces request into a page an admin can act on, never a stack trace: an
 * expired view (its state is gone with the session, or was evicted) sends the admin to sign-in with
 * a message; anything else is logged and answered with the generic error page.
 */
public class AdminExceptionHandler extends ExceptionHandlerWrapper {
  private static final Logger LOG = Logger.getLogger(AdminExceptionHandler.class.getName());

  public AdminExceptionHandler(ExceptionHandler wrapped) {
    super(wrapped);
  }

  @Override
  public void handle() {
    FacesContext faces = FacesContext.getCurrentInstance();
    String target = null;
    for (Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
        events.hasNext(); ) {
      Throwable thrown = events.next().getContext().getException();
      events.remove();
      if (target != null) {
        continue;
      }
      if (isViewExpired(thrown)) {
        target = Pages.SIGN_IN + "?reason=" + SignInPage.EXPIRED;
      } else {
        // the exception's own text stays in the server log; the admin sees a generic page
        LOG.log(Level.SEVERE, "Admin UI request failed", thrown);
        target = Pages.ERROR;
      }
    }
    if (target != null) {
      redirect(faces, target);
    }
    getWrapped().handle();
  }

  private static boolean isViewExpired(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof ViewExpiredException) {
        return true;
      }
    }
    return false;
  }

  private static void redirect(FacesContext faces, String target) {
    ExternalContext external = faces.getExternalContext();
    try {
      if (!external.isResponseCommitted()) {
        external.responseReset();
        external.redirect(Pages.url(external, target));
      }
      faces.responseComplete();
    } catch (IOException | IllegalStateException e) {
      throw new FacesException("Could not send the admin to " + target, e);
    }
  }
}
