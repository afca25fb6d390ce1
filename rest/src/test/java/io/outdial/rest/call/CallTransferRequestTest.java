package io.outdial.rest.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.ValidationException;
import io.outdial.core.id.CallId;
import io.outdial.core.id.ClientId;
import io.outdial.core.id.TransferTargetId;
import io.outdial.core.transfer.TransferMode;
import io.outdial.persistence.transfer.TransferOrder;
import org.junit.jupiter.api.Test;

class CallTransferRequestTest {
  private static final ClientId CLIENT = ClientId.of("client-a");
  private static final CallId CALL = CallId.parse("call_abc");

  private static void refused(CallTransferRequest request, String field, String words) {
    assertThatThrownBy(() -> request.toOrder(CLIENT, CALL))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(words);
  }

  @Test
  void aTargetWithoutModeIsAWarmTransferAskedByTheApi() {
    TransferOrder order =
        new CallTransferRequest("target_dana", null, "  Wants a demo ", null).toOrder(CLIENT, CALL);

    assertThat(order.target()).contains(TransferTargetId.parse("target_dana"));
    assertThat(order.queueOnly()).isFalse();
    assertThat(order.mode()).isEqualTo(TransferMode.WARM);
    assertThat(order.briefing()).contains("Wants a demo");
    assertThat(order.requestedBy()).isEqualTo(TransferOrder.Requester.API);
  }

  @Test
  void aQueueIdMustNameAQueueAndColdIsAMode() {
    TransferOrder order =
        new CallTransferRequest(null, "target_sales", null, "cold").toOrder(CLIENT, CALL);

    assertThat(order.queueOnly()).isTrue();
    assertThat(order.mode()).isEqualTo(TransferMode.COLD);
    assertThat(order.briefing()).isEmpty();
  }

  @Test
  void refusalsNameTheField() {
    refused(new CallTransferRequest(null, null, null, null), "transfer_target_id", "exactly one");
    refused(
        new CallTransferRequest("target_a", "target_b", null, null),
        "transfer_target_id",
        "exactly one");
    refused(new CallTransferRequest("call_x", null, null, null), "transfer_target_id", "target_");
    refused(new CallTransferRequest(null, "nope", null, null), "queue_id", "target_");
    refused(new CallTransferRequest("target_a", null, null, "hot"), "mode", "mode");
    refused(new CallTransferRequest("target_a", null, "x".repeat(2001), null), "briefing", "2000");
  }
}
