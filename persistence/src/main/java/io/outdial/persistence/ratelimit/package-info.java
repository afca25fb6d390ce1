/** Rate-limit usage shared between servers ({@code rate_usage}). */
package io.outdial.persistence.ratelimit;
