package io.outdial.persistence.webhook;

import io.outdial.core.webhook.EventType;
import java.util.List;
import java.util.Optional;

/**
 * What an update changes; an empty field stays as it is. A new URL is verified again before
 * anything is sent to it.
 *
 * @param description empty inside to remove it
 */
public record EndpointChange(
    Optional<String> url,
    Optional<Optional<String>> description,
    Optional<List<EventType>> eventTypes) {}
