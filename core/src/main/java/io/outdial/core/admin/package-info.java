/**
 * The admin key's guard against guessing: {@link io.outdial.core.admin.AdminKeyThrottle}, one rule
 * per client address shared by every way in (the admin API and the admin pages), and the {@link
 * io.outdial.core.admin.KeyAttempt} each attempt ends in.
 */
package io.outdial.core.admin;
