package io.github.albauth.usersync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.UserSyncException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  private static void assertReason(Throwable e, Reason reason) {
    assertThat(e).isInstanceOf(UserSyncException.class);
    assertThat(((UserSyncException) e).reason()).isEqualTo(reason);
  }

  @Test
  void readsAJsonExportWithNestedValuesAndGroups() throws IOException {
    Path file = write("users.json", """
        {"users": [
          {"id": "u1", "userName": "alice", "emails": [{"value": "a@x", "primary": true}],
           "name": {"givenName": "Alice"}, "active": true},
          {"id": "u2", "userName": "bob"}
        ],
        "groups": [{"id": "g1", "name": "Staff", "members": ["u1", "u2"]}]}
        """);
    FileSource source = FileSource.builder("import").json(file);

    assertThat(source.id()).isEqualTo("import");
    List<SourceUser> users = source.users().collect(Collectors.toList());
    assertThat(users).extracting(SourceUser::id).containsExactly("u1", "u2");
    assertThat(users.get(0).attributes().get("name")).isEqualTo(Map.of("givenName", "Alice"));
    assertThat(users.get(0).attributes().get("emails")).isEqualTo(List.of(Map.of("value", "a@x", "primary", true)));
    assertThat(source.groups()).singleElement().satisfies(g -> assertThat(g.name()).isEqualTo("Staff"));
    assertThat(source.memberIds("g1")).containsExactly("u1", "u2");
    assertThat(source.memberIds("nope")).isEmpty();
  }

  @Test
  void readsATopLevelJsonArrayWithAnotherIdField() throws IOException {
    Path file = write("users.json", "[{\"objectId\": \"o1\", \"upn\": \"a@x\"}]");
    assertThat(FileSource.builder("import").idField("objectId").json(file).users())
        .extracting(SourceUser::id).containsExactly("o1");
  }

  @Test
  void readsACsvExportWithGroupsColumn() throws IOException {
    Path file = write("users.csv", """
        id,userName,email,groups,active
        u1,alice,a@x,Staff;Admins,true
        u2,bob,,Staff,false
        """);
    FileSource source = FileSource.builder("csv").csv(file);

    List<SourceUser> users = source.users().collect(Collectors.toList());
    assertThat(users.get(0).attributes().get("groups")).isEqualTo(List.of("Staff", "Admins"));
    assertThat(users.get(1).attributes().names()).doesNotContain("email");
    assertThat(users.get(1).attributes().get("active")).isEqualTo("false");
    assertThat(source.groups()).extracting(g -> g.name()).containsExactly("Staff", "Admins");
    assertThat(source.memberIds("Staff")).containsExactly("u1", "u2");
  }

  @Test
  void malformedJsonSaysWhere() throws IOException {
    Path file = write("bad.json", "{\"users\": [ {\"id\": \"u1\", } ]}");
    assertThatThrownBy(() -> FileSource.builder("x").json(file))
        .satisfies(e -> assertReason(e, Reason.MALFORMED_FILE))
        .hasMessageContaining("bad.json is malformed at line 1, column");
  }

  @Test
  void jsonOfTheWrongShapeIsMalformed() throws IOException {
    assertThatThrownBy(() -> FileSource.builder("x").json(write("a.json", "{\"people\": []}")))
        .satisfies(e -> assertReason(e, Reason.MALFORMED_FILE))
        .hasMessageEndingWith("a.json is neither an array of users nor an object with a \"users\" array");
    assertThatThrownBy(() -> FileSource.builder("x").json(write("b.json", "[\"u1\"]")))
        .satisfies(e -> assertReason(e, Reason.MALFORMED_FILE))
        .hasMessageEndingWith("b.json: user 1 is a STRING, not an object");
    assertThatThrownBy(() -> FileSource.builder("x").json(write("c.json", "{\"users\": [], \"groups\": 3}")))
        .hasMessageEndingWith("c.json: \"groups\" is not an array");
  }

  @Test
  void oversizedFilesAreRefusedBeforeParsing() throws IOException {
    Path file = write("big.json", "[" + "{\"id\":\"x\"},".repeat(100) + "{\"id\":\"y\"}]");
    assertThatThrownBy(() -> FileSource.builder("x").maxBytes(100).json(file))
        .satisfies(e -> assertReason(e, Reason.FILE_TOO_LARGE))
        .hasMessageEndingWith("big.json has 1112 bytes, more than maxBytes 100");
  }

  @Test
  void aCsvWithoutTheIdColumnIsRefused() throws IOException {
    Path file = write("users.csv", "userName,email\nalice,a@x\n");
    assertThatThrownBy(() -> FileSource.builder("x").csv(file))
        .satisfies(e -> assertReason(e, Reason.MISSING_ID))
        .hasMessageEndingWith("users.csv has no id column; the header row must name it");
  }

  @Test
  void aRecordWithoutAnIdIsRefused() throws IOException {
    assertThatThrownBy(() -> FileSource.builder("x").csv(write("u.csv", "id,userName\nu1,a\n,b\n")))
        .satisfies(e -> assertReason(e, Reason.MISSING_ID))
        .hasMessageEndingWith("u.csv: user 2 has no id (a non-blank string)");
    assertThatThrownBy(() -> FileSource.builder("x").json(write("u.json", "[{\"id\": 7}]")))
        .satisfies(e -> assertReason(e, Reason.MISSING_ID))
        .hasMessageEndingWith("u.json: user 1 has no id (a non-blank string)");
    assertThatThrownBy(() -> FileSource.builder("x").json(
            write("g.json", "{\"users\": [], \"groups\": [{\"name\": \"G\"}]}")))
        .satisfies(e -> assertReason(e, Reason.MISSING_ID))
        .hasMessageEndingWith("g.json: group 1 needs a non-blank id and name");
  }

  @Test
  void duplicateIdsAreRefused() throws IOException {
    assertThatThrownBy(() -> FileSource.builder("x").csv(write("d.csv", "id,userName\nu1,a\nu1,b\n")))
        .satisfies(e -> assertReason(e, Reason.DUPLICATE_ID))
        .hasMessageEndingWith("d.csv: user 2 repeats id u1");
    assertThatThrownBy(() -> FileSource.builder("x").json(write("d.json",
            "{\"users\": [], \"groups\": [{\"id\": \"g\", \"name\": \"G\"}, {\"id\": \"g\", \"name\": \"H\"}]}")))
        .satisfies(e -> assertReason(e, Reason.DUPLICATE_ID))
        .hasMessageEndingWith("d.json: group 2 repeats id g");
  }

  @Test
  void malformedCsvIsRefused() throws IOException {
    Path file = write("m.csv", "id,userName\nu1,\"unterminated\n");
    assertThatThrownBy(() -> FileSource.builder("x").csv(file))
        .satisfies(e -> assertReason(e, Reason.MALFORMED_FILE))
        .hasMessageContaining("m.csv is malformed at line 3, column 1: Missing closing quote");
  }

  @Test
  void aMissingFileIsASourceFailure() {
    assertThatThrownBy(() -> FileSource.builder("x").json(dir.resolve("none.json")))
        .satisfies(e -> assertReason(e, Reason.SOURCE_FAILED))
        .hasMessageContaining("cannot read");
  }

  @Test
  void builderRefusesBadOptions() {
    assertThatThrownBy(() -> FileSource.builder(" ")).hasMessage("source id is blank; name the source");
    assertThatThrownBy(() -> FileSource.builder("x").maxBytes(0))
        .hasMessage("maxBytes is 0; use a positive size");
    assertThatThrownBy(() -> FileSource.builder("x").idField(""))
        .hasMessage("id field is blank; name the id field");
  }
}
