package io.outdial.core.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where webhooks may go. A URL must be {@code https}, name a host and carry no user info; every
 * address its host resolves to must be a public one. The operator may allow hosts by name and
 * blocks of addresses: those may also use plain {@code http} (a receiver inside the operator's
 * network, a test's receiver on loopback).
 *
 * @param allowedHosts host names allowed whatever they resolve to (lower case)
 * @param allowedNetworks address blocks allowed although not public
 */
public record DestinationPolicy(Set<String> allowedHosts, List<Cidr> allowedNetworks) {
  /** The longest URL accepted. */
  public static final int MAX_URL_LENGTH = 2048;

  /** Public addresses only, https only. */
  public static final DestinationPolicy STRICT = new DestinationPolicy(Set.of(), List.of());

  public DestinationPolicy {
    allowedHosts =
        allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    allowedNetworks = List.copyOf(allowedNetworks);
  }

  /**
   * Reads the operator's list: comma-separated host names and address blocks, e.g. {@code
   * hooks.internal, 10.1.0.0/16, 127.0.0.1}.
   */
  public static DestinationPolicy parse(String list) {
    Set<String> hosts = new java.util.HashSet<>();
    List<Cidr> networks = new java.util.ArrayList<>();
    for (String part : list.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      if (p.indexOf('/') >= 0 || Cidr.literal(p).isPresent()) {
        networks.add(Cidr.parse(p));
      } else {
        hosts.add(p);
      }
    }
    return new DestinationPolicy(hosts, networks);
  }

  /**
   * Why this URL is refused before any lookup, or empty when its form is acceptable (its addresses
   * are judged by {@link #refuseAddress}).
   */
  public Optional<String> refuseUrl(String url) {
    if (url == null || url.isBlank()) {
      return Optional.of("url is required");
    }
    if (url.length() > MAX_URL_LENGTH) {
      return Optional.of("url is longer than " + MAX_URL_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("url is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return Optional.of("url must be an https URL");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("url must not carry a user name or password");
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      return Optional.of("url must name a host");
    }
    if (uri.getRawFragment() != null) {
      return Optional.of("url must not carry a fragment");
    }
    if (scheme.equals("http") && !plainHttpAllowed(host)) {
      return Optional.of(
          "url must be an https URL (plain http only to destinations the operator allows)");
    }
    Optional<InetAddress> literal = Cidr.literal(host);
    return literal.flatMap(a -> refuseAddress(host, a));
  }

  /** Why a delivery to {@code host} must not go to {@code address}, or empty when it may. */
  public Optional<String> refuseAddress(String host, InetAddress address) {
    if (hostAllowed(host) || networkAllowed(address)) {
      return Optional.empty();
    }
    return AddressClass.of(address)
        .map(
            c ->
                "url resolves to "
                    + c.description()
                    + " ("
                    + address.getHostAddress()
                    + "), which webhooks may not reach");
  }

  /** Whether every address of a plain-http URL's host is allowed (or the host is, by name). */
  public boolean plainHttpAllowed(String host, List<InetAddress> addresses) {
    return hostAllowed(host)
        || (!addresses.isEmpty() && addresses.stream().allMatch(this::networkAllowed));
  }

  private boolean plainHttpAllowed(String host) {
    if (hostAllowed(host)) {
      return true;
    }
    return Cidr.literal(host).map(this::networkAllowed).orElse(false);
  }

  private boolean hostAllowed(String host) {
    return allowedHosts.contains(stripBrackets(host).toLowerCase(Locale.ROOT));
  }

  private boolean networkAllowed(InetAddress address) {
    return allowedNetworks.stream().anyMatch(n -> n.contains(address));
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
