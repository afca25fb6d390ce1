/**
 * Outdial's admin pages: Jakarta Faces views where an admin signs in with the admin key and
 * creates, lists and revokes API keys without curl, and reads clients' do-not-call lists.
 *
 * <p>The pages live at {@code /admin/ui/} (the FacesServlet and a guard filter are declared in this
 * jar's {@code META-INF/web-fragment.xml}); views, the template and the style sheet are under
 * {@code META-INF/resources}. Every page but sign-in needs a signed-in session; keys are validated
 * by the same rules as the REST API ({@code io.outdial.core.apikey.ApiKey}).
 */
module io.outdial.admin {
  requires io.outdial.persistence;
  requires jakarta.faces.api;
  requires jakarta.servlet;
  requires jakarta.cdi;
  requires jakarta.inject;
  requires jakarta.annotation;
  requires java.logging;

  exports io.outdial.admin.auth;
  exports io.outdial.admin.dnc;
  exports io.outdial.admin.keys;
  exports io.outdial.admin.web;
}
