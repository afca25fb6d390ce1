package io.outdial.persistence.usage;

import java.time.YearMonth;

/** What a client used in one calendar month (UTC). */
public record Usage(
    String clientId,
    YearMonth period,
    long totalCampaigns,
    long totalCalls,
    double totalSeconds,
    long humanAnswers,
    long voicemailsDropped) {}
