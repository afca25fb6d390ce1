/**
 * {@code /admin/api-keys}: admins issue, list and revoke the API keys of clients. Guarded by the
 * admin key in {@code X-Admin-Key}; not rate-limited.
 */
package io.outdial.rest.admin;
