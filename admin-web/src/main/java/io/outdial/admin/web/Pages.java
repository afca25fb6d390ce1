package io.outdial.admin.web;

import jakarta.faces.context.ExternalContext;

/** Where the admin pages live: the FacesServlet's prefix and each view below it. */
public final class Pages {
  /** The FacesServlet's path prefix (see {@code META-INF/web-fragment.xml}). */
  public static final String BASE = "/admin/ui";

  public static final String SIGN_IN = "/signin.xhtml";
  public static final String KEYS = "/keys.xhtml";
  public static final String CREATE = "/create.xhtml";
  public static final String CREATED = "/created.xhtml";
  public static final String REVOKE = "/revoke.xhtml";
  public static final String DNC = "/dnc.xhtml";
  public static final String ERROR = "/error.xhtml";

  private Pages() {}

  /** The absolute path of a view (with an optional query) in this application. */
  public static String url(ExternalContext external, String viewAndQuery) {
    return external.getRequestContextPath() + BASE + viewAndQuery;
  }
}
