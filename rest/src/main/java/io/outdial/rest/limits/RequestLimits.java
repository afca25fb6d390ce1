package io.outdial.rest.limits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The size limits of API requests other than contact uploads (whose limits {@link
 * io.outdial.rest.contact.UploadFiles} holds): any body, and the smaller one of a call's metadata
 * write-back (methods marked {@link LimitedCallMetadataSize}).
 */
@ApplicationScoped
public class RequestLimits {
  /** Bytes of any request body but a contact upload ({@code OUTDIAL_REQUEST_MAX_BYTES}). */
  @Inject
  @ConfigProperty(name = "outdial.request.max-bytes", defaultValue = "10485760")
  long maxBodyBytes;

  /**
   * Contacts a campaign may be created with in its own body ({@code
   * OUTDIAL_CAMPAIGN_MAX_INLINE_CONTACTS}); more go through the upload endpoints.
   */
  @Inject
  @ConfigProperty(name = "outdial.campaign.max-inline-contacts", defaultValue = "10000")
  int maxInlineContacts;

  /**
   * Bytes of a call metadata write-back's body, and of the metadata a call may hold after a merge
   * ({@code OUTDIAL_CALL_METADATA_MAX_BYTES}).
   */
  @Inject
  @ConfigProperty(name = "outdial.call-metadata.max-bytes", defaultValue = "65536")
  long maxCallMetadataBytes;

  public long maxCallMetadataBytes() {
    return Math.max(2, maxCallMetadataBytes); // "{}" always fits
  }

  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  public int maxInlineContacts() {
    return maxInlineContacts;
  }

  /** The 413 detail for a body over {@code limit} bytes. */
  public static String tooLarge(long limit) {
    return "The request body is larger than " + Sizes.describe(limit);
  }
}
