/**
 * Outdial's admin pages: Jakarta Faces views where an admin signs in with the admin key and
 * creates, lists and revokes API keys without curl.
 *
 * <p>Not built yet: this module holds only its place in the build (see the admin-web issue).
 */
module io.outdial.admin {
  requires transitive io.outdial.persistence;
}
