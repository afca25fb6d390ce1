/**
 * The campaign itself: its lifecycle state machine ({@link
 * io.outdial.core.campaign.CampaignLifecycle}), with idempotent repeats and a conflict exception
 * for impossible moves, and the settings a client chooses when creating one: priority, concurrency
 * cap and voice, each a validating value that names the offending field when it refuses a value.
 */
package io.outdial.core.campaign;
