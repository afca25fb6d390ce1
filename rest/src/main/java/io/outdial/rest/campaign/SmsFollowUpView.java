package io.outdial.rest.campaign;

import io.outdial.core.contact.Disposition;
import io.outdial.core.sms.SmsFollowUp;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A campaign's follow-up text message. */
@Schema(
    name = "SmsFollowUp",
    description = "The text message sent after calls with these dispositions (null: none)")
public record SmsFollowUpView(
    @Schema(examples = "[\"voicemail\"]") List<String> dispositions,
    @Schema(examples = "Hi {{first_name}}, sorry we missed you.") String text) {

  static SmsFollowUpView of(SmsFollowUp f) {
    return new SmsFollowUpView(
        EnumSet.copyOf(f.dispositions()).stream().map(Disposition::wireName).toList(),
        f.template().text());
  }
}
