package io.github.albauth.usersync.mapping;

import io.github.albauth.usersync.AttributeSource;
import io.github.albauth.usersync.mapping.internal.Program;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Shows what a mapping makes of sample input and why: for each attribute its value, and the trace
 * of the values read, the fallback taken, the rule that matched, or the error. Admins use it to
 * debug a mapping before deploying it.
 *
 * <pre>{@code
 * MappingDryRun.Report report = MappingDryRun.run(mapping, claimsJson);
 * String text = report.toString(); // per attribute: its value, then why (show it to the admin)
 * }</pre>
 *
 * <p>From a shell ({@code mapping} is a {@code .properties} or {@code .json} mapping file, {@code
 * claims} a JSON file; JSON needs jackson-databind on the class path):
 *
 * <pre>
 * java -cp usersync-mapping.jar:usersync-spi.jar:re2j.jar:jackson-databind.jar:... \
 *     io.github.albauth.usersync.mapping.MappingDryRun mapping.properties claims.json
 * </pre>
 *
 * <p>Stateless and thread-safe; the reports are immutable.
 */
public final class MappingDryRun {

  private MappingDryRun() {}

  /**
   * What happened to one attribute.
   *
   * @param attribute the attribute name
   * @param expression its expression
   * @param value the value it got (null when nothing, or on error or skip)
   * @param steps why: values read, fallbacks used, rules matched, in evaluation order
   * @param error the evaluation error message, or null
   * @param skipReason the reason when this attribute's expression skipped the user, or null
   */
  public record AttributeReport(String attribute, String expression, @Nullable Object value,
      List<String> steps, @Nullable String error, @Nullable String skipReason) {

    /**
     * Validates and copies.
     *
     * @param attribute the attribute name
     * @param expression its expression
     * @param value the value it got (null when nothing, or on error or skip)
     * @param steps why: values read, fallbacks used, rules matched, in evaluation order
     * @param error the evaluation error message, or null
     * @param skipReason the reason when this attribute's expression skipped the user, or null
     */
    public AttributeReport {
      Objects.requireNonNull(attribute, "attribute");
      Objects.requireNonNull(expression, "expression");
      steps = List.copyOf(steps);
    }
  }

  /**
   * The outcome of a dry run.
   *
   * @param attributes one report per attribute, in document order
   * @param result what {@link AttributeMapping#map} returns for the same input, or null when it
   *     throws (then some attribute has an {@link AttributeReport#error()})
   */
  public record Report(List<AttributeReport> attributes, @Nullable MappingResult result) {

    /**
     * Validates and copies.
     *
     * @param attributes one report per attribute, in document order
     * @param result what {@link AttributeMapping#map} returns for the same input, or null when it
     *     throws (then some attribute has an {@link AttributeReport#error()})
     */
    public Report {
      attributes = List.copyOf(attributes);
    }

    /** {@return the report as text, one block per attribute} */
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      for (AttributeReport a : attributes) {
        sb.append(a.attribute()).append(" = ");
        if (a.error() != null) {
          sb.append("ERROR\n");
        } else if (a.skipReason() != null) {
          sb.append("SKIP USER: ").append(a.skipReason()).append('\n');
        } else {
          sb.append(render(a.value())).append('\n');
        }
        sb.append("  expression: ").append(a.expression().replace("\n", "\n              "))
            .append('\n');
        for (String step : a.steps()) {
          sb.append("  - ").append(step).append('\n');
        }
        if (a.error() != null) {
          sb.append("  error: ").append(a.error().replace("\n", "\n         ")).append('\n');
        }
      }
      if (result != null && result.isSkipped()) {
        sb.append("=> the user is skipped: ").append(result.skipReason()).append('\n');
      }
      return sb.toString();
    }

    private static String render(@Nullable Object v) {
      if (v instanceof String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
      } else if (v instanceof List<?> list) {
        List<String> parts = new ArrayList<>();
        for (Object e : list) {
          parts.add(render(e));
        }
        return "[" + String.join(", ", parts) + "]";
      }
      return String.valueOf(v);
    }
  }

  /**
   * Runs a mapping against a source.
   *
   * @param mapping the mapping
   * @param source the sample input
   * @return what each attribute evaluated to and why, and the mapping's overall result
   */
  public static Report run(AttributeMapping mapping, AttributeSource source) {
    Program program = mapping.program();
    List<AttributeReport> reports = new ArrayList<>();
    for (Program.Traced t : program.trace(source)) {
      reports.add(new AttributeReport(t.attribute(), t.expression(), t.value(), t.steps(),
          t.error(), t.skipReason()));
    }
    MappingResult result;
    try {
      result = mapping.map(source);
    } catch (MappingException e) {
      result = null;
    }
    return new Report(reports, result);
  }

  /**
   * Runs a mapping against sample claims given as JSON text (needs jackson-databind).
   *
   * @param mapping the mapping
   * @param claimsJson a JSON object such as {@code {"upn": "a.example@domain.com"}}
   * @return what each attribute evaluated to and why, and the mapping's overall result
   * @throws IllegalArgumentException when the text is not a JSON object
   * @throws IllegalStateException when jackson-databind is not on the class path
   */
  public static Report run(AttributeMapping mapping, String claimsJson) {
    return run(mapping, JsonAttributeSources.fromJson(claimsJson));
  }

  /**
   * Command line: {@code MappingDryRun <mapping.properties|mapping.json> <claims.json>} prints
   * the report; exit status 0 when the mapping produced a result, 1 on evaluation errors, 2 on
   * bad arguments or a mapping that does not compile.
   *
   * @param args the mapping file and the claims file
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The command line, with its streams, returning the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 2) {
      err.println("usage: MappingDryRun <mapping.properties|mapping.json> <claims.json>");
      return 2;
    }
    try {
      String mappingText = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
      AttributeMapping mapping;
      if (args[0].endsWith(".json")) {
        mapping = AttributeMapping.fromJson(mappingText);
      } else {
        Properties p = new Properties();
        p.load(new java.io.StringReader(mappingText));
        mapping = AttributeMapping.fromProperties(p);
      }
      Report report = run(mapping, Files.readString(Path.of(args[1]), StandardCharsets.UTF_8));
      out.print(report);
      return report.result() == null ? 1 : 0;
    } catch (IOException | RuntimeException e) {
      err.println(e.getMessage());
      return 2;
    }
  }
}
