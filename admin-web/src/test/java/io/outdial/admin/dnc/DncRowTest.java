package io.outdial.admin.dnc;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.ClientId;
import io.outdial.persistence.dnc.DoNotCallEntry;
import io.outdial.persistence.dnc.DoNotCallSource;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DncRowTest {
  @Test
  void anOptOutShowsItsCallAndTheApisNameOfItsSourceInUtc() {
    DncRow row =
        DncRow.from(
            new DoNotCallEntry(
                ClientId.of("acme"),
                PhoneNumber.ofE164("+12125550150"),
                DoNotCallSource.OPT_OUT,
                Instant.parse("2026-11-22T10:15:30.123Z"),
                Optional.of("call_abc"),
                Optional.empty()));

    assertThat(row)
        .isEqualTo(
            new DncRow("+12125550150", "opt_out", "2026-11-22 10:15:30 UTC", "call_abc", ""));
  }

  @Test
  void anEntryAddedThroughTheApiShowsItsReason() {
    DncRow row =
        DncRow.from(
            new DoNotCallEntry(
                ClientId.of("acme"),
                PhoneNumber.ofE164("+12125550101"),
                DoNotCallSource.API,
                Instant.EPOCH,
                Optional.empty(),
                Optional.of("asked by email")));

    assertThat(row.source()).isEqualTo("api");
    assertThat(row.callId()).isEmpty();
    assertThat(row.reason()).isEqualTo("asked by email");
  }

  @Test
  void aPageParameterThatIsNoPageNumberIsTheFirstPage() {
    assertThat(DncPage.pageNumber(null)).isEqualTo(1);
    assertThat(DncPage.pageNumber("x")).isEqualTo(1);
    assertThat(DncPage.pageNumber("-3")).isEqualTo(1);
    assertThat(DncPage.pageNumber(" 4 ")).isEqualTo(4);
  }
}
