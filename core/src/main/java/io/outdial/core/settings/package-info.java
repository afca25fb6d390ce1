/**
 * Reading settings: {@link io.outdial.core.settings.Settings}, the typed reader every part of
 * Outdial that is configured goes through, and {@link io.outdial.core.settings.Durations}, the one
 * duration syntax ({@code 250ms}, {@code 15s}, {@code 2m}, {@code 1h}, {@code PT15S}, or a bare
 * number in the setting's documented unit). Plain Java: the callers pass a map or a look-up
 * function, MicroProfile Config in the server.
 */
package io.outdial.core.settings;
