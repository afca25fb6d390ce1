/**
 * The admin key: the one secret that guards {@code /admin/...} and the admin pages. It comes from
 * {@code ADMIN_API_KEY}, or is generated at the very first start, printed once and kept only as a
 * hash.
 */
package io.outdial.persistence.admin;
