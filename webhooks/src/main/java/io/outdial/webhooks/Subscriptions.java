package io.outdial.webhooks;

import io.outdial.core.ConflictException;
import io.outdial.core.ValidationException;
import io.outdial.core.id.ClientId;
import io.outdial.core.id.WebhookId;
import io.outdial.core.webhook.EventType;
import io.outdial.core.webhook.SigningSecret;
import io.outdial.persistence.webhook.EndpointChange;
import io.outdial.persistence.webhook.NewEndpoint;
import io.outdial.persistence.webhook.WebhookEndpoint;
import io.outdial.persistence.webhook.WebhookEndpoints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Making and changing endpoints: the rules a URL, its events and its description must meet, and the
 * secret each endpoint signs with.
 */
@ApplicationScoped
public class Subscriptions {
  /** The longest description. */
  public static final int MAX_DESCRIPTION = 500;

  /** The most endpoints one client may have. */
  public static final int MAX_ENDPOINTS = 20;

  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject WebhookEndpoints endpoints;
  @Inject WebhookSettings settings;

  Posting.Resolver resolver = Posting.Resolver.SYSTEM;
  Clock clock = Clock.systemUTC();

  /** An endpoint just made, with the secret it signs with (answered this once). */
  public record Created(WebhookEndpoint endpoint, SigningSecret secret) {}

  /** Makes an endpoint; its ownership challenge follows at once. */
  public Created create(
      ClientId client, String url, List<String> events, Optional<String> description) {
    String checked = url(url);
    List<EventType> types = events(events);
    Optional<String> text = description(description);
    SigningSecret secret = SigningSecret.generate(RANDOM);
    WebhookEndpoint made =
        endpoints
            .create(
                new NewEndpoint(WebhookId.random(), client, checked, text, types, secret),
                MAX_ENDPOINTS,
                clock.instant())
            .orElseThrow(
                () ->
                    new ConflictException(
                        "A client may have at most "
                            + MAX_ENDPOINTS
                            + " webhook endpoints; delete one first"));
    return new Created(made, secret);
  }

  /** Changes what is given; a new URL is checked as on creation and challenged again. */
  public Optional<WebhookEndpoint> update(
      ClientId client,
      WebhookId id,
      Optional<String> url,
      Optional<List<String>> events,
      Optional<Optional<String>> description) {
    EndpointChange change =
        new EndpointChange(
            url.map(this::url),
            description.map(this::description),
            events.map(Subscriptions::events));
    return endpoints.update(client, id, change, clock.instant());
  }

  /** A new secret; the current one keeps signing beside it for the overlap. */
  public Optional<Created> rotate(ClientId client, WebhookId id) {
    SigningSecret next = SigningSecret.generate(RANDOM);
    return endpoints
        .rotate(client, id, next, clock.instant(), settings.secretOverlap())
        .map(e -> new Created(e, next));
  }

  private String url(String url) {
    String u = url == null ? null : url.strip();
    settings.destinations().refuseUrl(u).ifPresent(r -> refuse("url", r));
    String host = URI.create(u).getHost();
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      // not resolvable from here now: each delivery checks again where it resolves to then
      return u;
    }
    for (InetAddress address : addresses) {
      settings.destinations().refuseAddress(host, address).ifPresent(r -> refuse("url", r));
    }
    return u;
  }

  private static List<EventType> events(List<String> events) {
    if (events == null || events.isEmpty()) {
      refuse(
          "events",
          "events is required: a non-empty array of event types, e.g. [\"call.ended\"]; known"
              + " types: "
              + known());
    }
    Set<EventType> types = new LinkedHashSet<>();
    for (String name : events) {
      EventType type =
          EventType.fromWire(name)
              .orElseThrow(
                  () ->
                      new ValidationException(
                          "events",
                          "events holds an unknown event type '"
                              + clip(String.valueOf(name))
                              + "'; known types: "
                              + known()));
      types.add(type);
    }
    return new ArrayList<>(types);
  }

  private Optional<String> description(Optional<String> description) {
    Optional<String> text = description.map(String::strip).filter(d -> !d.isEmpty());
    if (text.isPresent() && text.get().length() > MAX_DESCRIPTION) {
      refuse("description", "description must be at most " + MAX_DESCRIPTION + " characters");
    }
    return text;
  }

  private static String known() {
    return String.join(
        ", ", java.util.Arrays.stream(EventType.values()).map(EventType::wireName).toList());
  }

  private static String clip(String value) {
    return value.length() <= 60 ? value : value.substring(0, 60) + "...";
  }

  private static void refuse(String field, String message) {
    throw new ValidationException(field, message);
  }
}
