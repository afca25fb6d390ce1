/**
 * The admin pages' plumbing: where each view lives under {@code /admin/ui}, and the Faces exception
 * handler that sends an expired view back to sign-in and any other failure to a generic error page,
 * so that no stack trace ever reaches the browser.
 */
package io.outdial.admin.web;
