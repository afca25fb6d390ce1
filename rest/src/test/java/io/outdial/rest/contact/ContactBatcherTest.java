package io.outdial.rest.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.rest.campaign.ContactFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rows of an upload turned into batches of contacts, bad rows counted with their errors. */
class ContactBatcherTest {
  private final List<ContactBatcher.Batch> batches = new ArrayList<>();
  private final ContactBatcher batcher =
      new ContactBatcher(new ContactFields("US", "possible", 50, 1_000), batches::add, 2);

  private static Map<String, String> row(String phone, int variables) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("phone", phone);
    for (int i = 1; i <= variables; i++) {
      row.put("v" + i, "x");
    }
    return row;
  }

  @Test
  void rowsWithTooManyOrTooLongVariablesAreRowErrorsAndTheOthersAreKept() {
    batcher.row(1, row("+12022000001", 50), 10);
    batcher.row(2, row("+12022000002", 51), 20);
    Map<String, String> longValue = row("+12022000003", 1);
    longValue.put("notes", "n".repeat(1_001));
    batcher.row(3, longValue, 30);
    batcher.row(4, row("+12022000004", 0), 40);
    batcher.finish();

    assertThat(batches.stream().flatMap(b -> b.contacts().stream()).map(c -> c.phone().e164()))
        .containsExactly("+12022000001", "+12022000004");
    ContactBatcher.Batch last = batches.getLast();
    assertThat(last.invalid()).isEqualTo(2);
    assertThat(last.errors())
        .containsExactly(
            new UploadResult.RowError(
                2,
                "contact has more than 50 variables (fields other than phone, first_name,"
                    + " last_name, email, company and title)"),
            new UploadResult.RowError(3, "contact.notes must be at most 1000 characters"));
  }
}
