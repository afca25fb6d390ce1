/** Integration tests of {@code /admin/api-keys} and of the admin key's life. */
package it.outdial.admin;
