package io.outdial.core.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of address a webhook must not reach unless the operator allows them: anything that is
 * not a public unicast address on the internet.
 */
public enum AddressClass {
  CLOUD_METADATA("a cloud metadata address", "169.254.169.254/32", "fd00:ec2::254/128"),
  UNSPECIFIED("an unspecified address", "0.0.0.0/8", "::/128"),
  LOOPBACK("a loopback address", "127.0.0.0/8", "::1/128"),
  PRIVATE(
      "a private address",
      "10.0.0.0/8",
      "172.16.0.0/12",
      "192.168.0.0/16",
      "100.64.0.0/10",
      "fc00::/7"),
  LINK_LOCAL("a link-local address", "169.254.0.0/16", "fe80::/10"),
  MULTICAST("a multicast address", "224.0.0.0/4", "ff00::/8"),
  RESERVED(
      "a reserved address",
      "192.0.0.0/24",
      "192.0.2.0/24",
      "198.18.0.0/15",
      "198.51.100.0/24",
      "203.0.113.0/24",
      "240.0.0.0/4",
      "2001:db8::/32");

  private final String description;
  private final List<Cidr> blocks;

  AddressClass(String description, String... blocks) {
    this.description = description;
    this.blocks = java.util.Arrays.stream(blocks).map(Cidr::parse).toList();
  }

  /** For people: "a private address". */
  public String description() {
    return description;
  }

  /**
   * The class of a non-public address, or empty for a public one. An IPv6 address that carries an
   * IPv4 one (mapped {@code ::ffff:a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}) is judged by the IPv4
   * address inside.
   */
  public static Optional<AddressClass> of(InetAddress address) {
    InetAddress judged = embeddedIpv4(address).orElse(address);
    for (AddressClass c : values()) {
      for (Cidr block : c.blocks) {
        if (block.contains(judged)) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return Optional.empty();
    }
    byte[] a = address.getAddress();
    boolean mapped = true;
    for (int i = 0; i < 10; i++) {
      mapped &= a[i] == 0;
    }
    mapped &= (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
    boolean nat64 =
        (a[0] & 0xff) == 0x00
            && (a[1] & 0xff) == 0x64
            && (a[2] & 0xff) == 0xff
            && (a[3] & 0xff) == 0x9b;
    for (int i = 4; nat64 && i < 12; i++) {
      nat64 = a[i] == 0;
    }
    if (!mapped && !nat64) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(java.util.Arrays.copyOfRange(a, 12, 16)));
    } catch (java.net.UnknownHostException e) {
      return Optional.empty();
    }
  }
}
