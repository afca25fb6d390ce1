package it.outdial.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads a client's audit trail through the API, every page of it. */
public final class Audit {
  private static final int PAGE = 200;

  private Audit() {}

  /**
   * Every audit record the key's client sees, oldest first: of one campaign, or of all its
   * campaigns when {@code campaign} is null. Fails unless each page answers 200 and the pages add
   * up to the {@code total} they report.
   */
  public static List<JsonNode> records(Api api, String key, String campaign) {
    List<JsonNode> records = new ArrayList<>();
    long total;
    do {
      String path =
          "/api/v1/audit?limit="
              + PAGE
              + "&offset="
              + records.size()
              + (campaign == null ? "" : "&campaign_id=" + campaign);
      Api.Reply reply = api.get(path, "X-API-Key", key);
      if (reply.status() != 200) {
        throw new AssertionError(
            "GET " + path + " answered " + reply.status() + ": " + reply.body());
      }
      JsonNode page = reply.json();
      total = page.get("total").asLong();
      int before = records.size();
      page.get("records").forEach(records::add);
      if (records.size() == before && records.size() < total) {
        throw new AssertionError("GET " + path + " answered no records although total is " + total);
      }
    } while (records.size() < total);
    if (records.size() != total) {
      throw new AssertionError(
          "the audit pages hold " + records.size() + " records, their total says " + total);
    }
    return records;
  }
}
