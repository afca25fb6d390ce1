package io.outdial.persistence.call;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * What writing an integrator's metadata onto a call came to ({@link CallMetadataStore#write}).
 * Client errors are answered, not thrown: an exception leaving a transactional method is logged by
 * the server as an incident.
 */
public sealed interface MetadataWrite {
  /** Stored: the call's metadata as it now is, and when it was written. */
  record Written(String callId, ObjectNode metadata, Instant updatedAt) implements MetadataWrite {}

  /** The client has no such call (or its campaign was deleted). */
  record NotFound() implements MetadataWrite {}

  /** The call has not ended yet: metadata is written back after the call. */
  record NotEnded() implements MetadataWrite {}

  /** The merged metadata would be larger than its bounds allow; nothing was stored. */
  record TooLarge(String reason) implements MetadataWrite {}

  /** How the body is written: merged into what is stored (RFC 7396), or replacing it. */
  enum Mode {
    MERGE,
    REPLACE
  }
}
