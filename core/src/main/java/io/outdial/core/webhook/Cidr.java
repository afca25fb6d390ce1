package io.outdial.core.webhook;

import io.outdial.core.ValidationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A block of addresses, {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a block of one.
 */
public record Cidr(byte[] network, int prefix) {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  public Cidr {
    network = network.clone();
    if (prefix < 0 || prefix > network.length * 8) {
      throw new ValidationException("cidr", "prefix length out of range");
    }
  }

  /** Parses a block; throws a {@code ValidationException} for anything but an address literal. */
  public static Cidr parse(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    String address = slash < 0 ? t : t.substring(0, slash);
    InetAddress parsed =
        literal(address)
            .orElseThrow(() -> new ValidationException("cidr", "'" + t + "' is not an address"));
    byte[] bytes = parsed.getAddress();
    int prefix = bytes.length * 8;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new ValidationException("cidr", "'" + t + "' has no valid prefix length");
      }
    }
    return new Cidr(bytes, prefix);
  }

  /**
   * An IPv4 dotted quad or an IPv6 literal as an address, never a host name (so never a DNS query).
   */
  public static java.util.Optional<InetAddress> literal(String text) {
    String t =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    boolean v4 = IPV4.matcher(t).matches();
    boolean v6 =
        t.indexOf(':') >= 0
            && t.chars()
                .allMatch(c -> c == ':' || c == '.' || c == '%' || Character.digit(c, 16) >= 0);
    if (!v4 && !v6) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(InetAddress.getByName(t)); // a literal: no lookup
    } catch (UnknownHostException e) {
      return java.util.Optional.empty();
    }
  }

  /** Whether {@code address} lies in this block (an IPv4 block never holds an IPv6 address). */
  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[full] & mask) == (network[full] & mask);
  }
}
