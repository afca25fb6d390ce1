package io.outdial.admin.web;

import io.outdial.admin.auth.SignInPage;
import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.faces.event.PhaseId;
import java.io.IOException;
import java.util.Iterator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every failure in a Faces request into a page an admin can act on, never a stack trace: an
 * expired view (its state is gone with the session, or was evicted) sends the admin to sign-in with
 * a message; a view state that cannot be read (altered in the browser) gets the generic error page
 * and one warning line; anything else is logged with its stack trace and answered with the generic
 * error page.
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
      } else if (faces.getCurrentPhaseId() == PhaseId.RESTORE_VIEW) {
        // a form whose state cannot be read (altered or corrupted in the browser): the client's
        // doing, so one line without a stack trace
        LOG.log(
            Level.WARNING,
            "Admin UI form refused: its view state could not be restored ({0})",
            thrown.getClass().getSimpleName());
        target = Pages.ERROR;
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
