/**
 * Who may use the admin pages: sign-in with the admin key (compared in constant time by {@code
 * AdminKeys}), the signed-in mark on the HTTP session, sign-out, the per-address throttle that
 * slows down guessing, and the filter that keeps every page but sign-in behind a signed-in session.
 */
package io.outdial.admin.auth;
