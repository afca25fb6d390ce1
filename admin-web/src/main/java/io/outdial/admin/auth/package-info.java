/**
 * Who may use the admin pages: sign-in with the admin key (compared in constant time, and wrong
 * keys slowed down per address, by {@code AdminKeys}, with the same count as the admin API), the
 * signed-in mark on the HTTP session, sign-out, and the filter that keeps every page but sign-in
 * behind a signed-in session. Sign-in and the error page are stateless views: only a successful
 * sign-in makes a session.
 */
package io.outdial.admin.auth;
