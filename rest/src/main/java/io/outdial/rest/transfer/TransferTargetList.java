package io.outdial.rest.transfer;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of transfer targets, oldest first. */
@Schema(name = "TransferTargetList")
public record TransferTargetList(
    List<TransferTargetView> targets, long total, int limit, int offset) {}
