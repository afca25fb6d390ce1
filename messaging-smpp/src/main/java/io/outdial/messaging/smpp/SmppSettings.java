package io.outdial.messaging.smpp;

import io.outdial.core.settings.Settings;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;

/**
 * The {@code smpp} provider's settings, {@code outdial.messaging.smpp.<key>}.
 *
 * @param host the SMSC's host ({@code host}, required)
 * @param port its SMPP port ({@code port}, 2775)
 * @param systemId the ESME's system id ({@code system-id}, required)
 * @param password the ESME's password ({@code password}); a secret, never logged or shown
 * @param systemType the ESME's system type ({@code system-type}, empty)
 * @param sourceTon the type of number of sender addresses ({@code source-ton}, international)
 * @param sourceNpi their numbering plan ({@code source-npi}, isdn)
 * @param destTon the type of number of recipients ({@code dest-ton}, international)
 * @param destNpi their numbering plan ({@code dest-npi}, isdn)
 * @param bindTimeout how long a bind may take ({@code bind-timeout}, 10s)
 * @param enquireLink how often an idle session is checked ({@code enquire-link}, 30s)
 * @param submitTimeout how long the SMSC may take to answer a message ({@code submit-timeout}, 10s)
 */
public record SmppSettings(
    String host,
    int port,
    String systemId,
    String password,
    String systemType,
    TypeOfNumber sourceTon,
    NumberingPlanIndicator sourceNpi,
    TypeOfNumber destTon,
    NumberingPlanIndicator destNpi,
    Duration bindTimeout,
    Duration enquireLink,
    Duration submitTimeout) {
  public static final String PREFIX = "outdial.messaging.smpp.";

  /** Every key read. */
  public static final Set<String> KEYS =
      Set.of(
          "host",
          "port",
          "system-id",
          "password",
          "system-type",
          "source-ton",
          "source-npi",
          "dest-ton",
          "dest-npi",
          "bind-timeout",
          "enquire-link",
          "submit-timeout");

  public SmppSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(systemId, "systemId");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(systemType, "systemType");
  }

  /**
   * Reads the settings.
   *
   * @throws IllegalArgumentException naming the setting that is missing or malformed (never showing
   *     the password)
   */
  public static SmppSettings from(Map<String, String> values) {
    Settings in = Settings.of(values, PREFIX);
    String systemId = in.required("system-id");
    if (systemId.length() > 15) {
      throw in.invalid("system-id", systemId, "at most 15 characters");
    }
    String password = in.string("password", "");
    if (password.length() > 8) {
      throw in.invalid("password", "at most 8 characters (SMPP 3.4)");
    }
    Duration second = Duration.ofSeconds(1);
    return new SmppSettings(
        in.required("host"),
        in.integer("port", 2775, 1, 65535),
        systemId,
        password,
        in.string("system-type", ""),
        in.choice("source-ton", TypeOfNumber.class, TypeOfNumber.INTERNATIONAL),
        in.choice("source-npi", NumberingPlanIndicator.class, NumberingPlanIndicator.ISDN),
        in.choice("dest-ton", TypeOfNumber.class, TypeOfNumber.INTERNATIONAL),
        in.choice("dest-npi", NumberingPlanIndicator.class, NumberingPlanIndicator.ISDN),
        in.duration(
            "bind-timeout",
            Duration.ofSeconds(10),
            ChronoUnit.SECONDS,
            second,
            Duration.ofMinutes(5)),
        in.duration(
            "enquire-link",
            Duration.ofSeconds(30),
            ChronoUnit.SECONDS,
            second,
            Duration.ofHours(1)),
        in.duration(
            "submit-timeout",
            Duration.ofSeconds(10),
            ChronoUnit.SECONDS,
            second,
            Duration.ofMinutes(5)));
  }

  @Override
  public String toString() {
    return "SmppSettings[host="
        + host
        + ", port="
        + port
        + ", systemId="
        + systemId
        + ", password=***, systemType="
        + systemType
        + ", source="
        + sourceTon
        + "/"
        + sourceNpi
        + ", dest="
        + destTon
        + "/"
        + destNpi
        + "]";
  }
}
