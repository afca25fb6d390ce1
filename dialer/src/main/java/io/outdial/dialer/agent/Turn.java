package io.outdial.dialer.agent;

import java.util.Objects;

/**
 * One thing said on the call, as stored in the transcript ({@code {role, content}}).
 *
 * @param role who said it
 * @param content the words, never blank
 */
public record Turn(Role role, String content) {
  public Turn {
    Objects.requireNonNull(role, "role");
    if (content == null || content.isBlank()) {
      throw new IllegalArgumentException("turn content must not be blank");
    }
  }

  public static Turn assistant(String content) {
    return new Turn(Role.ASSISTANT, content);
  }

  public static Turn user(String content) {
    return new Turn(Role.USER, content);
  }

  public static Turn humanAgent(String content) {
    return new Turn(Role.HUMAN_AGENT, content);
  }
}
