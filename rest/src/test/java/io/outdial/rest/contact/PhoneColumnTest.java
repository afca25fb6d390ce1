package io.outdial.rest.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.BadRequestException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The phone column of contact files ({@code phone}) and of do-not-call files. */
class PhoneColumnTest {
  @TempDir Path dir;

  private List<String> numbersOf(String csv, PhoneColumn column) throws IOException {
    Path file = dir.resolve("numbers.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    List<String> numbers = new ArrayList<>();
    CsvRows.read(
        file,
        RowLimits.DEFAULT,
        column,
        (row, fields, progress) -> numbers.add(column.valueIn(fields)));
    return numbers;
  }

  @Test
  void aDoNotCallFileNamesItsColumnPhoneNumberOrPhoneInAnyCase() throws IOException {
    assertThat(numbersOf("Phone_Number,reason\n+12125550101,asked\n", PhoneColumn.DO_NOT_CALL))
        .containsExactly("+12125550101");
    assertThat(numbersOf("name,PHONE\nAnn, 212 555 0102 \n", PhoneColumn.DO_NOT_CALL))
        .containsExactly("212 555 0102");
  }

  @Test
  void phoneNumberWinsOverPhoneAndABlankCellIsNoNumber() {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("phone", "+12125550103");
    row.put("phone_number", "+12125550104");
    assertThat(PhoneColumn.DO_NOT_CALL.valueIn(row)).isEqualTo("+12125550104");
    row.put("phone_number", "  ");
    assertThat(PhoneColumn.DO_NOT_CALL.valueIn(row)).isEqualTo("+12125550103");
    assertThat(PhoneColumn.DO_NOT_CALL.valueIn(Map.of("phone", ""))).isNull();
  }

  @Test
  void aFileWithoutTheColumnIsRefusedNamingIt() {
    assertThatThrownBy(() -> numbersOf("number\n+12125550105\n", PhoneColumn.DO_NOT_CALL))
        .isInstanceOf(BadRequestException.class)
        .hasMessage("The CSV header has no phone_number (or phone) column");
    assertThatThrownBy(() -> numbersOf("phone_number\n+12125550105\n", PhoneColumn.CONTACTS))
        .isInstanceOf(BadRequestException.class)
        .hasMessage("The CSV header has no phone column");
  }
}
