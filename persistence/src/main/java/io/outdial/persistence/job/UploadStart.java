package io.outdial.persistence.job;

import io.outdial.core.campaign.CampaignStatus;

/** Whether an upload's job started ({@link JobStore#startUpload}), or why not. */
public sealed interface UploadStart {
  /** The job is recorded and the campaign stays open while it runs. */
  record Started() implements UploadStart {}

  /** The client has no such campaign (any more). */
  record Gone() implements UploadStart {}

  /** The campaign has ended: contacts would never be dialed. */
  record Closed(CampaignStatus status) implements UploadStart {}
}
