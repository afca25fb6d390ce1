/**
 * Browser tests of the admin UI at {@code /admin/ui}: a headless Debian Chromium driven through
 * Selenium signs in, creates, reads once and revokes an API key, checks each step against the admin
 * API, and saves a screenshot of every page under {@code target/screenshots}.
 */
package it.outdial.adminui;
