package io.outdial.rest.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.ValidationException;
import io.outdial.core.id.TransferTargetId;
import io.outdial.core.transfer.AgentStatus;
import io.outdial.core.transfer.TargetSpec;
import io.outdial.core.transfer.TargetType;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransferTargetRequestTest {
  private static void refused(TransferTargetRequest request, String field, String words) {
    assertThatThrownBy(request::toSpec)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(words);
  }

  @Test
  void aHumanWithoutStatusLeavesItToTheStoreAndKeepsItsQueues() {
    TargetSpec spec =
        new TransferTargetRequest(
                "human", "Dana", "sip:dana@pbx.example.com", null, List.of("target_sales"))
            .toSpec();

    assertThat(spec.type()).isEqualTo(TargetType.HUMAN);
    assertThat(spec.status()).isEmpty();
    assertThat(spec.queueIds()).containsExactly(TransferTargetId.parse("target_sales"));
  }

  @Test
  void aQueueWithABlankAddressHasNone() {
    TargetSpec spec = new TransferTargetRequest("queue", "Sales", "  ", null, null).toSpec();

    assertThat(spec.address()).isEmpty();
    assertThat(spec.queueIds()).isEmpty();
  }

  @Test
  void everyRefusalNamesItsField() {
    refused(new TransferTargetRequest(null, "x", null, null, null), "type", "required");
    refused(
        new TransferTargetRequest("human", "x", "+12125550101", "away", null),
        "status",
        "available, busy, offline");
    refused(
        new TransferTargetRequest("human", "x", "+12125550101", null, List.of("camp_x")),
        "queue_ids",
        "target_");
    refused(
        new TransferTargetRequest(
            "human", "x", "+12125550101", null, Collections.nCopies(51, "target_a")),
        "queue_ids",
        "at most 50");
    assertThat(
            new TransferTargetRequest("human", "x", "+12125550101", "busy", null).toSpec().status())
        .contains(AgentStatus.BUSY);
  }
}
