package io.outdial.admin.auth;

import io.outdial.admin.web.Pages;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Guards {@code /admin/ui/*}: every page but sign-in and the error page needs a signed-in session;
 * anyone else is redirected to sign-in, told whether their session expired. Style sheets and
 * scripts (Faces resources) are public. Pages are sent with headers that keep them out of caches
 * and frames, so that neither the back button nor a shared proxy shows a page (or a new key) again.
 */
public class AdminUiFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  private static final Set<String> PUBLIC_VIEWS = Set.of(Pages.SIGN_IN, Pages.ERROR);
  private static final String RESOURCES = "/jakarta.faces.resource/";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getPathInfo();
    if (path == null || path.equals("/")) {
      response.sendRedirect(request.getContextPath() + Pages.BASE + Pages.KEYS);
      return;
    }
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.startsWith("/web-inf") || lower.startsWith("/meta-inf")) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    if (path.startsWith(RESOURCES)) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Pragma", "no-cache");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    if (PUBLIC_VIEWS.contains(path) || AdminSession.isSignedIn(request.getSession(false))) {
      chain.doFilter(request, response);
      return;
    }
    boolean expired =
        request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
    response.sendRedirect(
        request.getContextPath()
            + Pages.BASE
            + Pages.SIGN_IN
            + "?reason="
            + (expired ? SignInPage.EXPIRED : SignInPage.REQUIRED));
  }
}
