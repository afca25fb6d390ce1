package io.outdial.rest.campaign;

import io.outdial.core.ValidationException;
import io.outdial.core.contact.Disposition;
import io.outdial.core.sms.SmsFollowUp;
import io.outdial.core.sms.SmsTemplate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The {@code sms_follow_up} object of {@code POST /api/v1/campaigns}. */
@Schema(
    name = "SmsFollowUpRequest",
    description =
        "A text message sent to the contact after a call that ended with one of the"
            + " dispositions (e.g. voicemail), from the campaign's caller_id. It is queued with"
            + " the call's outcome and sent like POST /api/v1/sms: never to a number on the"
            + " do-not-call list at send time, and only within the recipient's calling hours"
            + " (the campaign's calling_rules, else the server's), held until they open.")
public record SmsFollowUpRequest(
    @Schema(
            required = true,
            description = "Dispositions that trigger the message; do_not_call is not allowed",
            examples = "[\"voicemail\", \"no_answer\"]")
        List<String> dispositions,
    @Schema(
            required = true,
            minLength = 1,
            maxLength = 1600,
            description =
                "The text, with {{first_name}}-style variables named like the agent's prompt"
                    + " variables: first_name, last_name, email, company, title, phone and"
                    + " metadata.<key>; a variable the contact has no value for is left empty",
            examples = "Hi {{first_name}}, sorry we missed you. Call us back at +15551234567.")
        String text) {

  static Optional<SmsFollowUp> toDomain(SmsFollowUpRequest request) {
    if (request == null) {
      return Optional.empty();
    }
    if (request.dispositions() == null || request.dispositions().isEmpty()) {
      throw new ValidationException(
          "sms_follow_up.dispositions",
          "sms_follow_up.dispositions is required: at least one disposition");
    }
    Set<Disposition> set = EnumSet.noneOf(Disposition.class);
    for (int i = 0; i < request.dispositions().size(); i++) {
      String value = request.dispositions().get(i);
      String where = "sms_follow_up.dispositions[" + i + "]";
      try {
        set.add(Disposition.fromWire(value));
      } catch (ValidationException e) {
        throw new ValidationException(
            "sms_follow_up.dispositions", where + " is not a disposition: " + e.getMessage());
      }
    }
    return Optional.of(
        new SmsFollowUp(set, SmsTemplate.parse("sms_follow_up.text", request.text())));
  }
}
