package io.outdial.rest.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.ValidationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The variables of a contact: at most so many, each of at most so many characters. */
class ContactFieldsTest {
  private final ContactFields fields = new ContactFields("US", "possible", 50, 1_000);

  /** A contact with a phone and {@code count} variables. */
  private static Map<String, String> contact(int count) {
    Map<String, String> contact = new LinkedHashMap<>();
    contact.put("phone", "+12022000001");
    for (int i = 1; i <= count; i++) {
      contact.put("var" + i, "value " + i);
    }
    return contact;
  }

  private Map<String, String> variables(Map<String, String> contact) {
    return switch (fields.parse(contact, "contacts[3]")) {
      case ContactFields.Parsed.Accepted ok -> ok.contact().variables();
      case ContactFields.Parsed.Refused refused -> throw new AssertionError(refused.reason());
    };
  }

  @Test
  void fiftyVariablesAreKept() {
    assertThat(variables(contact(50))).hasSize(50).containsEntry("var50", "value 50");
  }

  @Test
  void theFiftyFirstVariableIsRefusedNamingTheContact() {
    assertThatThrownBy(() -> fields.parse(contact(51), "contacts[3]"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "contacts[3] has more than 50 variables (fields other than phone, first_name,"
                + " last_name, email, company and title)")
        .extracting(e -> ((ValidationException) e).field())
        .isEqualTo("contacts[3]");
  }

  @Test
  void knownAndEmptyFieldsAreNotVariables() {
    Map<String, String> contact = contact(50);
    contact.putAll(
        Map.of(
            "First_Name",
            "Ann",
            "last_name",
            "Lee",
            "email",
            "a@example.com",
            "company",
            "Acme",
            "title",
            "CTO"));
    for (int i = 0; i < 10; i++) {
      contact.put("blank" + i, i % 2 == 0 ? "" : "   ");
    }
    assertThat(variables(contact)).hasSize(50);
  }

  @Test
  void aVariableOf1001CharactersIsRefusedNamingTheField() {
    Map<String, String> contact = contact(1);
    contact.put("Notes", "n".repeat(1_000));
    assertThat(variables(contact)).containsEntry("notes", "n".repeat(1_000));
    contact.put("Notes", "n".repeat(1_001));
    assertThatThrownBy(() -> fields.parse(contact, "contacts[3]"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("contacts[3].notes must be at most 1000 characters")
        .extracting(e -> ((ValidationException) e).field())
        .isEqualTo("contacts[3].notes");
  }

  @Test
  void aVariableNamedInMoreThan64CharactersIsRefused() {
    Map<String, String> contact = contact(0);
    contact.put("k".repeat(64), "ok");
    assertThat(variables(contact)).containsKey("k".repeat(64));
    contact.put("K".repeat(65) + "tail", "too long");
    assertThatThrownBy(() -> fields.parse(contact, "contacts[3]"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "contacts[3] has a field named in more than 64 characters: " + "k".repeat(64) + "...");
  }

  @Test
  void theBoundsAreSettings() {
    ContactFields narrow = new ContactFields("US", "possible", 2, 10);
    assertThatThrownBy(() -> narrow.parse(contact(3), "contact"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("contact has more than 2 variables");
    Map<String, String> contact = contact(1);
    contact.put("var1", "x".repeat(11));
    assertThatThrownBy(() -> narrow.parse(contact, "contact"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("contact.var1 must be at most 10 characters");
  }

  // --- metadata ---

  private ContactFields withMetadataLimit(long bytes) {
    return new ContactFields("US", "possible", 50, 1_000, bytes);
  }

  private static Map<String, String> withMetadata(String json) {
    Map<String, String> contact = contact(1);
    contact.put("Metadata", json);
    return contact;
  }

  @Test
  void metadataIsKeptAsCompactJsonAndIsNoVariable() {
    ContactFields.Parsed parsed =
        fields.parse(withMetadata("{ \"crm_id\" : \"A-17\", \"n\": {\"x\": [1, 2]} }"), "contact");

    assertThat(parsed).isInstanceOf(ContactFields.Parsed.Accepted.class);
    var contact = ((ContactFields.Parsed.Accepted) parsed).contact();
    assertThat(contact.metadata()).isEqualTo("{\"crm_id\":\"A-17\",\"n\":{\"x\":[1,2]}}");
    assertThat(contact.variables()).containsOnlyKeys("var1");
  }

  @Test
  void aContactWithoutMetadataHasAnEmptyObject() {
    var parsed = (ContactFields.Parsed.Accepted) fields.parse(contact(1), "contact");

    assertThat(parsed.contact().metadata()).isEqualTo("{}");
  }

  @Test
  void metadataThatIsNotAnObjectIsRefusedNamingTheField() {
    for (String json : new String[] {"[1]", "\"text\"", "12", "true", "{not json"}) {
      assertThatThrownBy(() -> fields.parse(withMetadata(json), "contacts[2]"))
          .as(json)
          .isInstanceOf(ValidationException.class)
          .hasMessageStartingWith("contacts[2].metadata must be a JSON object")
          .extracting(e -> ((ValidationException) e).field())
          .isEqualTo("contacts[2].metadata");
    }
  }

  @Test
  void metadataOverItsByteLimitIsRefused() {
    String json = "{\"a\":\"" + "é".repeat(5) + "\"}"; // 18 bytes of UTF-8

    assertThat(withMetadataLimit(18).parse(withMetadata(json), "contact"))
        .isInstanceOf(ContactFields.Parsed.Accepted.class);
    assertThatThrownBy(() -> withMetadataLimit(17).parse(withMetadata(json), "contacts[0]"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "contacts[0].metadata is larger than 17 bytes of JSON"
                + " (OUTDIAL_CONTACT_MAX_METADATA_BYTES)");
  }

  @Test
  void metadataKeysAreNamedLikeVariables() {
    String json = "{\"" + "k".repeat(ContactFields.MAX_VARIABLE_NAME_LENGTH + 1) + "\": 1}";

    assertThatThrownBy(() -> fields.parse(withMetadata(json), "contacts[0]"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("contacts[0].metadata has a key named in more than 64 characters");
  }

  @Test
  void metadataNestedTooDeepIsRefused() {
    String json = "{\"a\":".repeat(17) + "1" + "}".repeat(17);

    assertThatThrownBy(() -> fields.parse(withMetadata(json), "contacts[0]"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("contacts[0].metadata nests deeper than 16 levels");
  }
}
