package io.outdial.rest.contact;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.outdial.core.ValidationException;
import io.outdial.rest.campaign.ContactFields;
import io.outdial.rest.json.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Streams the contacts of a JSON upload, a spooled array of contact objects, one at a time, so that
 * memory holds one contact, never the body: {@link #count} checks the whole body first (nothing is
 * stored from a body that is refused), {@link #read} then hands the rows on.
 *
 * <p>A contact's fields are the object's members whose value is text, a number or a boolean, as
 * text ({@code 12} gives {@code "12"}, {@code true} gives {@code "true"}); members that are null,
 * objects or arrays are left out, except {@code metadata} (in any case): its value, whatever it is,
 * is handed on as its compact JSON text, which {@link io.outdial.rest.campaign.ContactFields}
 * accepts only as an object. An element of the array that is not an object is a row without fields
 * (its job then counts it as a contact without a phone).
 *
 * <p>Refused with 400: a body that is not JSON (naming the line and column), not one array, with
 * more than {@code maxRows} elements (refused at the first one too many, without reading further),
 * or a contact with more than {@link RowLimits#maxColumns} fields or more than {@link
 * RowLimits#maxRecordChars} characters of names and values (a single text is refused as the parser
 * reads it, before it is held whole).
 */
final class JsonRows {
  private final JsonFactory factory;
  private final RowLimits limits;

  JsonRows(RowLimits limits) {
    this.limits = limits;
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxStringLength(limits.maxRecordChars())
                    .maxNameLength(limits.maxRecordChars())
                    .build())
            .build();
  }

  /**
   * Checks the body: its shape and its limits.
   *
   * @return how many contacts it holds
   * @throws ValidationException when it is refused
   * @throws IOException when the file cannot be read
   */
  long count(Path file, int maxRows) throws IOException {
    return parse(file, maxRows, 0, null);
  }

  /**
   * Hands on the rows of a body {@link #count} accepted, numbered from 1, with the share of the
   * {@code total} rows handed on so far as progress.
   */
  void read(Path file, long total, RowHandler handler) throws IOException {
    parse(file, Long.MAX_VALUE, Math.max(1, total), handler);
  }

  private long parse(Path file, long maxRows, long total, RowHandler handler) throws IOException {
    long row = 0;
    try (InputStream in = Files.newInputStream(file);
        JsonParser parser = factory.createParser(in)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new ValidationException(
            "body", "Request body must be a JSON array of contact objects");
      }
      for (JsonToken token = parser.nextToken();
          token != JsonToken.END_ARRAY;
          token = parser.nextToken()) {
        if (token == null) {
          throw new JsonParseException(parser, "Unexpected end of the array");
        }
        if (++row > maxRows) {
          throw new ValidationException(
              "body", "At most " + maxRows + " contacts per JSON upload; upload a file for more");
        }
        Map<String, String> fields = contact(parser, row);
        if (handler != null) {
          handler.row(row, fields, (int) Math.min(99, row * 99 / total));
        }
      }
      JsonToken after = parser.nextToken();
      if (after != null) {
        throw new JsonParseException(parser, "Content after the array: " + after);
      }
      return row;
    } catch (StreamConstraintsException e) {
      throw new ValidationException("body", where(row) + tooLarge(e));
    } catch (JsonProcessingException e) {
      throw new ValidationException(
          "body",
          "Request body is not valid JSON"
              + (e.getLocation() == null
                  ? ""
                  : " (line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                      + ")"));
    }
  }

  /** The fields of the element at the parser's current token, which it reads to its end. */
  private Map<String, String> contact(JsonParser parser, long row) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren(); // an array's elements are skipped without being read whole
      return fields;
    }
    long chars = 0;
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      JsonToken value = parser.nextToken();
      if (value == null) {
        throw new JsonParseException(parser, "Unexpected end of an object");
      }
      boolean metadata = ContactFields.METADATA.equalsIgnoreCase(name.strip());
      String text =
          metadata && value != JsonToken.VALUE_NULL
              ? compactCopy(parser, limits.maxRecordChars() - chars - name.length(), row)
              : switch (value) {
                case VALUE_STRING -> parser.getText();
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                    // the text the tree model gave (1.0E10 for 1e10), as uploads have always read
                    // it
                    JsonProvider.MAPPER.readValue(parser, JsonNode.class).asText();
                case VALUE_TRUE, VALUE_FALSE -> parser.getText();
                default -> {
                  parser.skipChildren(); // null, an object or an array: not a field
                  yield null;
                }
              };
      // a repeated name keeps its first place and its last value, as the tree model did
      fields.put(name, text);
      if (fields.size() > limits.maxColumns()) {
        throw new ValidationException(
            "body",
            where(row)
                + "has more than "
                + limits.maxColumns()
                + " fields ("
                + RowLimits.COLUMNS_SETTING
                + ")");
      }
      chars += name.length() + (text == null ? 0 : text.length());
      if (chars > limits.maxRecordChars()) {
        throw new ValidationException("body", where(row) + "holds " + limits.tooManyChars());
      }
    }
    if (parser.currentToken() != JsonToken.END_OBJECT) {
      throw new JsonParseException(parser, "Unexpected end of an object");
    }
    fields.values().removeIf(Objects::isNull);
    return fields;
  }

  /**
   * The value at the parser's current token as compact JSON text, read to its end; refused as soon
   * as the text passes {@code maxChars}, so that a contact's metadata never builds up in memory
   * beyond the record limit.
   */
  private String compactCopy(JsonParser parser, long maxChars, long row) throws IOException {
    StringBuilder text = new StringBuilder();
    Writer bounded =
        new Writer() {
          @Override
          public void write(char[] chars, int offset, int length) {
            if (text.length() + (long) length > maxChars) {
              throw new ValidationException("body", where(row) + "holds " + limits.tooManyChars());
            }
            text.append(chars, offset, length);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    try (JsonGenerator copy = JsonProvider.MAPPER.getFactory().createGenerator(bounded)) {
      copy.copyCurrentStructure(parser);
    }
    return text.toString();
  }

  /** "body[2] " for the third contact: how the limits' errors name it. */
  private static String where(long row) {
    return row == 0 ? "The body " : "body[" + (row - 1) + "] ";
  }

  private String tooLarge(StreamConstraintsException e) {
    String message = String.valueOf(e.getOriginalMessage());
    if (message.startsWith("String value length") || message.startsWith("Name length")) {
      return "holds a text of " + limits.tooManyChars();
    }
    return "nests too deep or holds too long a number"
        + (e.getLocation() == null
            ? ""
            : " (line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr()
                + ")");
  }
}
