package io.outdial.dialer.agent;

import io.outdial.core.agent.FirstMessageMode;
import io.outdial.core.agent.LlmOptions;
import io.outdial.core.campaign.Voice;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the agent works from on one call: the campaign's texts and voice, and the contact called.
 *
 * @param systemPrompt the campaign's {@code system_prompt}: the agent's personality and task
 * @param greeting the campaign's {@code greeting_text}, spoken first when present
 * @param voicemailText the campaign's {@code voicemail_text}, left after a machine's beep; with
 *     none, the dialer hangs up on machines without a message
 * @param voice the TTS voice
 * @param contact the contact's non-empty fields by wire name ({@code first_name}, {@code company},
 *     ...), empty until {@link #forContact(Map)}
 * @param firstMessage who speaks first once a person answers: the agent's {@code
 *     first_message_mode}, {@link FirstMessageMode#DEFAULT} for a campaign with texts of its own
 * @param llm the agent's model and temperature over the server's, {@link LlmOptions#NONE} for a
 *     campaign with texts of its own
 */
public record CampaignScript(
    String systemPrompt,
    Optional<String> greeting,
    Optional<String> voicemailText,
    Voice voice,
    Map<String, String> contact,
    FirstMessageMode firstMessage,
    LlmOptions llm) {
  public CampaignScript {
    if (systemPrompt == null || systemPrompt.isBlank()) {
      throw new IllegalArgumentException("system_prompt must not be blank");
    }
    greeting = Objects.requireNonNull(greeting, "greeting").filter(s -> !s.isBlank());
    voicemailText =
        Objects.requireNonNull(voicemailText, "voicemailText").filter(s -> !s.isBlank());
    Objects.requireNonNull(voice, "voice");
    contact = Map.copyOf(contact);
    Objects.requireNonNull(firstMessage, "firstMessage");
    Objects.requireNonNull(llm, "llm");
  }

  /** A campaign's script with no contact yet; the dispatcher builds it once per campaign. */
  public static CampaignScript of(
      String systemPrompt, Optional<String> greeting, Optional<String> voicemailText, Voice voice) {
    return new CampaignScript(
        systemPrompt,
        greeting,
        voicemailText,
        voice,
        Map.of(),
        FirstMessageMode.DEFAULT,
        LlmOptions.NONE);
  }

  /** The same script with an agent's opening mode and model choice. */
  public CampaignScript withAgent(FirstMessageMode mode, LlmOptions options) {
    return new CampaignScript(systemPrompt, greeting, voicemailText, voice, contact, mode, options);
  }

  /** The same script with {@code mode} deciding who speaks first. */
  public CampaignScript withFirstMessage(FirstMessageMode mode) {
    return withAgent(mode, llm);
  }

  /** The same script for one contact. */
  public CampaignScript forContact(Map<String, String> contactFields) {
    return new CampaignScript(
        systemPrompt, greeting, voicemailText, voice, contactFields, firstMessage, llm);
  }

  public Optional<String> contactField(String name) {
    return Optional.ofNullable(contact.get(name)).filter(s -> !s.isBlank());
  }
}
