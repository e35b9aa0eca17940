package io.github.albauth.benchmarks.mapping;

import io.github.albauth.usersync.mapping.AttributeMapping;
import io.github.albauth.usersync.AttributeSource;
import io.github.albauth.usersync.mapping.MappingResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.MapContext;
import org.apache.commons.jexl3.introspection.JexlPermissions;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Maps one login's claims to six local attributes (username, email, displayName, groups, active,
 * department), once with the albauth mapping DSL and once with the same logic written in Apache
 * Commons JEXL, the general-purpose expression language a user would otherwise reach for. Both are
 * compiled once in {@link #setUp()}, which also checks that they produce the same attributes.
 *
 * <p>Run (after {@code ./mvnw -B -pl benchmarks -am package -DskipTests}):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar MappingBenchmark -f 2 -wi 5 -i 5 -w 1s -r 2s
 * </pre>
 *
 * <p>Goal: {@code albauthDsl} at least 5x faster than {@code jexl}, and under 2 µs per call.
 * {@code albauthDslRegex} and {@code jexlRegex} measure the regex example alone: RE2/J
 * (linear-time, but a slow NFA with capture groups) against JEXL's java.util.regex.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class MappingBenchmark {

  /** The six attributes in the DSL. */
  static final Map<String, String> DSL = orderedMap(
      "username", "upn ?? email | before(\"@\") | lower",
      "email", "lower(email ?? upn)",
      "displayName", "join(\" \", given_name, family_name) ?? name",
      "groups", "append(map(filter(groups, g -> startsWith(g, \"jira-\")), g -> lower(g)),"
          + " \"jira-software-users\") | distinct",
      "active", "!contains(groups, \"disabled-users\")",
      "department", "switch(lower(department), \"eng\", \"Engineering\", \"ops\", \"Operations\","
          + " \"Other\")");

  /** The same six attributes in JEXL. */
  static final Map<String, String> JEXL = orderedMap(
      "username", "var u = upn ?? email; var i = u.indexOf('@');"
          + " (i < 0 ? u : u.substring(0, i)).toLowerCase()",
      "email", "(email ?? upn).toLowerCase()",
      "displayName", "given_name != null && family_name != null"
          + " ? given_name + ' ' + family_name : name",
      "groups", "var out = new('java.util.LinkedHashSet');"
          + " for (var g : groups) { if (g.startsWith('jira-')) { out.add(g.toLowerCase()); } }"
          + " out.add('jira-software-users'); new('java.util.ArrayList', out)",
      "active", "!groups.contains('disabled-users')",
      "department", "var d = department.toLowerCase();"
          + " d == 'eng' ? 'Engineering' : (d == 'ops' ? 'Operations' : 'Other')");

  /** Claims as the ALB forwards them for an Entra user with token claims mapped. */
  static final Map<String, Object> CLAIMS = Map.of(
      "sub", "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ",
      "upn", "A.Example@Domain.com",
      "email", "A.Example@Domain.com",
      "name", "Example, A.",
      "given_name", "Anna",
      "family_name", "Example",
      "department", "ENG",
      "groups", List.of("jira-Developers", "all-staff", "jira-administrators", "vpn-users",
          "jira-developers", "wiki-editors"),
      "exp", 1_900_000_000L);

  /** The regex example, {@code (.*)@.*} to {@code $1}, alone: RE2/J versus JEXL. */
  static final String DSL_REGEX = "regexReplace(upn, \"(.*)@.*\", \"$1\")";

  /** The same in JEXL, which uses java.util.regex (backtracking, not linear-time). */
  static final String JEXL_REGEX = "upn.replaceAll('(.*)@.*', '$1')";

  private AttributeMapping mapping;
  private AttributeMapping regexMapping;
  private JexlScript regexScript;
  private AttributeSource source;
  private JexlEngine jexl;
  private Map<String, JexlScript> scripts;

  @Setup
  public void setUp() {
    AttributeMapping.Builder builder = AttributeMapping.builder();
    DSL.forEach(builder::map);
    mapping = builder.build();
    source = AttributeSource.of(CLAIMS);
    jexl = new JexlBuilder().permissions(JexlPermissions.UNRESTRICTED).strict(false).silent(false)
        .cache(64).create();
    scripts = new LinkedHashMap<>();
    JEXL.forEach((name, text) -> scripts.put(name, jexl.createScript(text)));
    regexMapping = AttributeMapping.builder().map("username", DSL_REGEX).build();
    regexScript = jexl.createScript(JEXL_REGEX);
    if (!Objects.equals(albauthDslRegex(), jexlRegex())) {
      throw new IllegalStateException("the DSL and JEXL disagree on the regex: "
          + albauthDslRegex() + " versus " + jexlRegex());
    }
    Map<String, @Nullable Object> dsl = albauthDsl().attributes();
    Map<String, @Nullable Object> jexlResult = jexl();
    if (!dsl.equals(jexlResult)) {
      throw new IllegalStateException("the DSL and JEXL disagree:\n dsl  " + dsl + "\n jexl "
          + jexlResult);
    }
  }

  @Benchmark
  public MappingResult albauthDsl() {
    return mapping.map(source);
  }

  @Benchmark
  public Map<String, @Nullable Object> jexl() {
    MapContext context = new MapContext(CLAIMS);
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, JexlScript> e : scripts.entrySet()) {
      out.put(e.getKey(), e.getValue().execute(context));
    }
    return out;
  }

  @Benchmark
  public @Nullable Object albauthDslRegex() {
    return regexMapping.map(source).attributes().get("username");
  }

  @Benchmark
  public @Nullable Object jexlRegex() {
    return regexScript.execute(new MapContext(CLAIMS));
  }

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
