package io.outdial.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.contact.Disposition;
import io.outdial.core.dialing.ContactState;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CampaignProgressTest {
  @Test
  void contactsStillWaitingOrOnACallAreNotProcessed() {
    assertThat(CampaignProgress.processed(ContactState.PENDING)).isFalse();
    assertThat(CampaignProgress.processed(ContactState.DIALING)).isFalse();
    assertThat(CampaignProgress.NONE.plus(ContactState.PENDING, Optional.of(Disposition.BUSY)))
        .isEqualTo(CampaignProgress.NONE);
  }

  @Test
  void aContactAPersonAnsweredIsASuccessEvenWhenItAskedNotToBeCalled() {
    CampaignProgress p =
        CampaignProgress.NONE
            .plus(ContactState.DONE, Optional.of(Disposition.HUMAN_INTERESTED))
            .plus(ContactState.DO_NOT_CALL, Optional.of(Disposition.DO_NOT_CALL));
    assertThat(p).isEqualTo(new CampaignProgress(2, 2));
    assertThat(p.failedCalls()).isZero();
  }

  @Test
  void exhaustedVoicemailSkippedAndWindowlessContactsAreFailures() {
    CampaignProgress p =
        CampaignProgress.NONE
            .plus(ContactState.DONE, Optional.of(Disposition.NO_ANSWER))
            .plus(ContactState.DONE, Optional.of(Disposition.VOICEMAIL))
            .plus(ContactState.DO_NOT_CALL, Optional.empty())
            .plus(ContactState.NO_CALLING_WINDOW, Optional.empty())
            .plus(ContactState.DONE, Optional.of(Disposition.TIMEOUT));
    assertThat(p.contactsProcessed()).isEqualTo(5);
    assertThat(p.successfulCalls()).isZero();
    assertThat(p.failedCalls()).isEqualTo(5);
  }

  @Test
  void contactsCancelledWithTheirCampaignAreNotCounted() {
    assertThat(
            CampaignProgress.NONE.plus(
                ContactState.CANCELLED, Optional.of(Disposition.HUMAN_INTERESTED)))
        .isEqualTo(CampaignProgress.NONE);
  }

  @Test
  void successesNeverExceedProcessedContacts() {
    assertThatThrownBy(() -> new CampaignProgress(1, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CampaignProgress(1, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
