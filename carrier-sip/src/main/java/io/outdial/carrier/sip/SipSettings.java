package io.outdial.carrier.sip;

import io.outdial.core.settings.Settings;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the SIP endpoint reaches the trunk, read once at start-up from flat settings whose keys come
 * without prefix from MicroProfile Config ({@code outdial.telephony.sip.<key>}). Parsing fails fast
 * with an {@link IllegalArgumentException} naming the offending key, so that a typo in the server
 * configuration stops the provider instead of placing calls to the wrong place.
 *
 * <p>Values are read with the settings reader of {@code core} ({@link Settings}); the durations
 * ({@code ring-timeout}, {@code failure-timeout}) are in its one syntax ({@code 30s}, {@code
 * 2500ms}, {@code 1m}, ISO-8601 {@code PT30S}, or a bare number of seconds).
 *
 * <p>{@link #toString()} never prints the password.
 *
 * @param trunkHost the trunk's host name or address ({@code trunk-host}, required)
 * @param trunkPort the trunk's SIP port ({@code trunk-port}, 5060)
 * @param transport the SIP transport ({@code transport}, {@code udp} or {@code tcp})
 * @param bindHost the local address the SIP stack listens on ({@code bind-host}, {@code 0.0.0.0})
 * @param bindPort the local SIP port ({@code bind-port}, 5060; 0 picks any free port)
 * @param publicHost the address written into Via, Contact and the SDP's {@code c=} line ({@code
 *     public-host}); empty means the bind host, or when that is a wildcard the local address that
 *     routes to the trunk
 * @param username the account name used in digest authentication ({@code username}); empty when the
 *     trunk authenticates by source address
 * @param password the digest password ({@code password}); a secret, never logged
 * @param authUsername the digest user name when it differs from {@code username} ({@code
 *     auth-username})
 * @param fromDomain the host part of the From URI ({@code from-domain}, default the trunk host)
 * @param pAssertedIdentity whether to add a P-Asserted-Identity header with the caller ID ({@code
 *     p-asserted-identity}, false)
 * @param ringTimeout how long an unanswered call may ring before it is cancelled ({@code
 *     ring-timeout}, 30 s)
 * @param failureTimeout how long to wait for the first response to a request (and for the end of a
 *     CANCEL or BYE) before the leg is given up ({@code failure-timeout}, 10 s)
 * @param codecs the audio codecs to offer, most preferred first ({@code codecs}, {@code pcmu,pcma})
 * @param numberFormat how the dialed number goes into the Request-URI and To ({@code
 *     number-format}: {@code e164}, the default, keeps {@code +15551234567}; {@code digits} sends
 *     {@code 15551234567})
 * @param dialPrefix digits put before the dialed number ({@code dial-prefix}, none; for example
 *     {@code 9} for an outside line, or {@code 00} with {@code digits} for a trunk that wants the
 *     international prefix instead of {@code +})
 */
public record SipSettings(
    String trunkHost,
    int trunkPort,
    Transport transport,
    String bindHost,
    int bindPort,
    Optional<String> publicHost,
    Optional<String> username,
    Optional<String> password,
    Optional<String> authUsername,
    String fromDomain,
    boolean pAssertedIdentity,
    Duration ringTimeout,
    Duration failureTimeout,
    List<Codec> codecs,
    NumberFormat numberFormat,
    String dialPrefix) {

  /** SIP transports the endpoint can use. */
  public enum Transport {
    UDP,
    TCP;

    /** The lower-case name JAIN-SIP and SIP URIs use. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How the dialed number is written for the trunk. */
  public enum NumberFormat {
    /** As stored: E.164 with its leading {@code +}. */
    E164,
    /** E.164 without the {@code +}. */
    DIGITS
  }

  /** Every key {@link #parse} reads. */
  public static final Set<String> KEYS =
      Set.of(
          "trunk-host",
          "trunk-port",
          "transport",
          "bind-host",
          "bind-port",
          "public-host",
          "username",
          "password",
          "auth-username",
          "from-domain",
          "p-asserted-identity",
          "ring-timeout",
          "failure-timeout",
          "codecs",
          "number-format",
          "dial-prefix");

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\-\\[\\]]+");
  private static final Pattern DIAL_PREFIX = Pattern.compile("[0-9*#]{0,8}");

  public SipSettings {
    requireHost("trunk-host", trunkHost);
    requirePort("trunk-port", trunkPort, 1);
    Objects.requireNonNull(transport, "transport");
    requireHost("bind-host", bindHost);
    requirePort("bind-port", bindPort, 0);
    Objects.requireNonNull(publicHost, "publicHost").ifPresent(h -> requireHost("public-host", h));
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(authUsername, "authUsername");
    requireHost("from-domain", fromDomain);
    requirePositive("ring-timeout", ringTimeout);
    requirePositive("failure-timeout", failureTimeout);
    Objects.requireNonNull(numberFormat, "numberFormat");
    if (dialPrefix == null || !DIAL_PREFIX.matcher(dialPrefix).matches()) {
      throw new IllegalArgumentException(
          "dial-prefix must be up to 8 digits, * or #, got: " + dialPrefix);
    }
    codecs = List.copyOf(codecs);
    if (codecs.isEmpty() || Set.copyOf(codecs).size() != codecs.size()) {
      throw new IllegalArgumentException(
          "codecs must list pcmu and/or pcma once each, got " + codecs);
    }
  }

  /**
   * Settings from flat keys (see {@link #KEYS}); absent or blank keys keep their defaults.
   *
   * @throws IllegalArgumentException naming the key that is missing or malformed
   */
  public static SipSettings parse(Map<String, String> settings) {
    Objects.requireNonNull(settings, "settings");
    Settings in = Settings.of(settings, "");
    String trunkHost = in.required("trunk-host");
    if (in.string("transport").filter(v -> v.equalsIgnoreCase("tls")).isPresent()) {
      throw new IllegalArgumentException("transport tls is not supported yet; use udp or tcp");
    }
    return new SipSettings(
        trunkHost,
        in.integer("trunk-port", 5060, 1, 65_535),
        in.choice("transport", Transport.class, Transport.UDP),
        in.string("bind-host", "0.0.0.0"),
        in.integer("bind-port", 5060, 0, 65_535),
        in.string("public-host"),
        in.string("username"),
        in.string("password"),
        in.string("auth-username"),
        in.string("from-domain", trunkHost),
        in.bool("p-asserted-identity", false),
        timeout(in, "ring-timeout", Duration.ofSeconds(30)),
        timeout(in, "failure-timeout", Duration.ofSeconds(10)),
        codecs(in),
        in.choice("number-format", NumberFormat.class, NumberFormat.E164),
        in.string("dial-prefix", ""));
  }

  /**
   * The user part to dial for {@code number} (E.164, with or without its {@code +}): written in
   * {@link #numberFormat} after {@link #dialPrefix}.
   */
  public String dialString(String number) {
    String digits = number.startsWith("+") ? number.substring(1) : number;
    return dialPrefix
        + (numberFormat == NumberFormat.E164 && number.startsWith("+") ? "+" : "")
        + digits;
  }

  /** The user name for digest authentication: {@code auth-username}, else {@code username}. */
  public Optional<String> digestUsername() {
    return authUsername.or(() -> username);
  }

  /** A copy with another bind port (tests bind to free ports). */
  public SipSettings withBindPort(int port) {
    return new SipSettings(
        trunkHost,
        trunkPort,
        transport,
        bindHost,
        port,
        publicHost,
        username,
        password,
        authUsername,
        fromDomain,
        pAssertedIdentity,
        ringTimeout,
        failureTimeout,
        codecs,
        numberFormat,
        dialPrefix);
  }

  @Override
  public String toString() {
    return "SipSettings[trunk="
        + trunkHost
        + ":"
        + trunkPort
        + ";"
        + transport.wireName()
        + ", bind="
        + bindHost
        + ":"
        + bindPort
        + ", publicHost="
        + publicHost.orElse("(auto)")
        + ", username="
        + username.orElse("(none)")
        + ", password="
        + (password.isPresent() ? "****" : "(none)")
        + ", authUsername="
        + authUsername.orElse("(username)")
        + ", fromDomain="
        + fromDomain
        + ", pAssertedIdentity="
        + pAssertedIdentity
        + ", ringTimeout="
        + ringTimeout
        + ", failureTimeout="
        + failureTimeout
        + ", codecs="
        + codecs
        + ", numberFormat="
        + numberFormat.name().toLowerCase(Locale.ROOT)
        + ", dialPrefix="
        + (dialPrefix.isEmpty() ? "(none)" : dialPrefix)
        + "]";
  }

  private static void requireHost(String key, String host) {
    if (host == null || !HOST.matcher(host).matches()) {
      throw new IllegalArgumentException(key + " must be a host name or IP address, got: " + host);
    }
  }

  private static void requirePort(String key, int port, int min) {
    if (port < min || port > 65_535) {
      throw new IllegalArgumentException(
          key + " must be a port between " + min + " and 65535, got: " + port);
    }
  }

  private static void requirePositive(String key, Duration duration) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(key + " must be a positive duration, got: " + duration);
    }
  }

  /** A timeout: a bare number is seconds; at most a day. */
  private static Duration timeout(Settings in, String key, Duration fallback) {
    return in.duration(key, fallback, ChronoUnit.SECONDS, Duration.ZERO, Duration.ofDays(1));
  }

  private static List<Codec> codecs(Settings in) {
    List<String> names = in.list("codecs", List.of());
    if (names.isEmpty()) {
      return List.of(Codec.PCMU, Codec.PCMA);
    }
    List<Codec> codecs = new ArrayList<>();
    for (String name : names) {
      Codec codec =
          Codec.byName(name)
              .orElseThrow(
                  () ->
                      in.invalid("codecs", in.string("codecs", ""), "a list of pcmu and/or pcma"));
      if (codecs.contains(codec)) {
        throw new IllegalArgumentException("codecs lists " + name + " twice");
      }
      codecs.add(codec);
    }
    return codecs;
  }
}
