/**
 * Retry policy for unanswered calls: how many attempts, which outcomes are worth another try, the
 * fixed or exponential backoff with injected-random jitter and a minimum delay, and the rule that a
 * retry always lands inside the recipient's calling window.
 */
package io.outdial.core.retry;
