package io.github.albauth.usersync.connectors.cognito.simulation;

import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.GroupSource;
import io.github.albauth.usersync.SourceGroup;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.UserLookup;
import io.github.albauth.usersync.mapping.MappingResult;
import io.github.albauth.usersync.mapping.UserAttributeMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A directory a test scripts, as the source that the sync engine pushes into a Cognito pool
 * (standing in for Okta, Entra, a file or the host's own store): people with groups, changed
 * between runs with {@link #set}. Thread-safe (the people are swapped whole).
 */
public final class ScriptedDirectory implements DirectorySource, GroupSource, UserLookup {

  /**
   * One person of the directory.
   *
   * @param id the immutable id
   * @param username the username
   * @param email the email address
   * @param givenName the given name
   * @param familyName the family name
   * @param department a custom attribute
   * @param active whether the person may sign in
   * @param groups the names of the person's groups
   */
  public record Person(String id, String username, String email, String givenName,
      String familyName, String department, boolean active, Set<String> groups) {

    /**
     * Copies the groups.
     *
     * @param id the immutable id
     * @param username the username
     * @param email the email address
     * @param givenName the given name
     * @param familyName the family name
     * @param department a custom attribute
     * @param active whether the person may sign in
     * @param groups the names of the person's groups
     */
    public Person {
      groups = Set.copyOf(groups);
    }

    /**
     * {@return this person in another department}
     *
     * @param newDepartment the department
     */
    public Person inDepartment(String newDepartment) {
      return new Person(id, username, email, givenName, familyName, newDepartment, active, groups);
    }

    /**
     * {@return this person under another username}
     *
     * @param newUsername the username
     */
    public Person renamed(String newUsername) {
      return new Person(id, newUsername, email, givenName, familyName, department, active, groups);
    }

    /**
     * {@return this person, disabled or enabled}
     *
     * @param isActive whether the person may sign in
     */
    public Person active(boolean isActive) {
      return new Person(id, username, email, givenName, familyName, department, isActive, groups);
    }

    /**
     * {@return this person in other groups}
     *
     * @param newGroups the group names
     */
    public Person inGroups(Set<String> newGroups) {
      return new Person(id, username, email, givenName, familyName, department, active, newGroups);
    }
  }

  private final String id;
  private volatile Map<String, Person> people = Map.of();

  /**
   * Creates an empty directory.
   *
   * @param id the source id the engine stores its users under
   */
  public ScriptedDirectory(String id) {
    this.id = id;
  }

  /**
   * {@return {@code count} people: user-0 … in groups team-0 … team-(groups-1), round robin}
   *
   * @param count how many
   * @param groups how many groups
   */
  public static List<Person> people(int count, int groups) {
    List<Person> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(new Person("ext-" + i, "user-" + i, "user-" + i + "@example.com", "Given" + i,
          "Family" + i, "dept-" + (i % 7), true, Set.of("team-" + (i % groups))));
    }
    return out;
  }

  /**
   * Serves these people from now on, in this order.
   *
   * @param list the people
   */
  public void set(List<Person> list) {
    Map<String, Person> next = new LinkedHashMap<>();
    list.forEach(p -> next.put(p.id(), p));
    people = next;
  }

  /** {@return the people served now, in order} */
  public List<Person> people() {
    return List.copyOf(people.values());
  }

  /**
   * The mapping of the records: username, email, given and family name, display name, the custom
   * attribute {@code department}, active and groups.
   *
   * @return the mapper
   */
  public static UserAttributeMapper mapper() {
    return record -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("username", record.get("username"));
      m.put("email", record.get("email"));
      m.put("givenName", record.get("givenName"));
      m.put("familyName", record.get("familyName"));
      m.put("displayName", record.get("givenName") + " " + record.get("familyName"));
      m.put("department", record.get("department"));
      m.put("active", record.get("active"));
      m.put("groups", record.get("groups"));
      return MappingResult.mapped(m);
    };
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Stream<SourceUser> users() {
    return people.values().stream().map(ScriptedDirectory::record);
  }

  private static SourceUser record(Person p) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", p.id());
    r.put("username", p.username());
    r.put("email", p.email());
    r.put("givenName", p.givenName());
    r.put("familyName", p.familyName());
    r.put("department", p.department());
    r.put("active", p.active());
    r.put("groups", List.copyOf(p.groups()));
    return SourceUser.of(p.id(), r);
  }

  @Override
  public Stream<SourceGroup> groups() {
    Set<String> names = new LinkedHashSet<>();
    people.values().forEach(p -> names.addAll(p.groups()));
    return names.stream().map(n -> new SourceGroup(n, n));
  }

  @Override
  public Stream<String> memberIds(String groupId) {
    return people.values().stream().filter(p -> p.groups().contains(groupId)).map(Person::id);
  }

  @Override
  public Optional<SourceUser> lookup(String attribute, String value) {
    return people.values().stream().filter(p -> value.equals(p.email())).findFirst()
        .map(ScriptedDirectory::record);
  }

  @Override
  public Optional<SourceUser> lookupById(String personId) {
    return Optional.ofNullable(people.get(personId)).map(ScriptedDirectory::record);
  }
}
