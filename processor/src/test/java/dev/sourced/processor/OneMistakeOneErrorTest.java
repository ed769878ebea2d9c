package dev.sourced.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.sourced.processor.Compile.source;
import static dev.sourced.processor.DiagnosticsTest.ADD;
import static dev.sourced.processor.DiagnosticsTest.ADDED;
import static dev.sourced.processor.DiagnosticsTest.GET_SUMMARY;
import static dev.sourced.processor.DiagnosticsTest.OPEN;
import static dev.sourced.processor.DiagnosticsTest.OPENED;
import static dev.sourced.processor.DiagnosticsTest.SUMMARY;
import static dev.sourced.processor.DiagnosticsTest.error;
import static dev.sourced.processor.DiagnosticsTest.summaryProjection;
import static dev.sourced.processor.DiagnosticsTest.validCart;

import com.google.testing.compile.Compilation;
import dev.sourced.processor.DiagnosticsTest.Case;
import dev.sourced.processor.validation.Diagnostic;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A mistake in one element is reported once: rules that depend on the element skip it instead of
 * reporting its absence as another error (a projection left out is not "no projection produces this
 * view" for its queries, an upcaster left out is not a missing upcaster, and so on). Each program has
 * exactly one mistake and must fail with exactly one error and no warning.
 */
class OneMistakeOneErrorTest {
  static final String ON_OPENED = "  @EventHandler Summary on(Opened e) { return null; }";
  static final String GET = "  @QueryHandler Summary get(GetSummary q, Views<Summary> v) { return null; }";
  /** A second query of the summary views, declared in another class. */
  static final JavaFileObject SUMMARY_QUERIES = source("test.SummaryQueries",
      "public class SummaryQueries {\n"
          + "  @QueryHandler(route = \"GET /summaries\") static Summary all(ListSummaries q, Views<Summary> v) { return null; }\n"
          + "}");
  static final JavaFileObject LIST_SUMMARIES = source("test.ListSummaries", "public record ListSummaries() {}");
  static final JavaFileObject OPENED_2 =
      source("test.Opened", "@Event(name = \"Opened\", revision = 2)\npublic record Opened(String id) {}");

  static JavaFileObject openedV1(String upcaster) {
    return source("test.OpenedV1",
        "@Event(name = \"Opened\", revision = 1)\npublic record OpenedV1(String id) {\n" + upcaster + "\n}");
  }

  static Stream<Case> cases() {
    return Stream.of(
        // a command left out for its invalid claim leaves its aggregate out: the event moving the scope is not "unclaimed"
        error(Diagnostic.INVALID_UNIQUE_SCOPE, "found 'E-Mail'",
            source("test.Open", "public record Open(@AggregateId String id,\n    @Unique(\"E-Mail\") String email) {}"),
            "String email", validCart("  @CommandHandler Renamed rename(Rename c) { return null; }\n  @EventSourcingHandler void on(Renamed e) {}"),
            OPENED, source("test.Rename", "public record Rename(@AggregateId String id, String email) {}"),
            source("test.Renamed", "public record Renamed(String id, @Unique(\"email\") String email) {}")),
        error(Diagnostic.VIEW_KEY_UNKNOWN_COMPONENT, "@ViewKey(\"customer\") on on() must name a String component",
            summaryProjection("@Projection(name = \"summary\")",
                "  @EventHandler @ViewKey(\"customer\") Summary on(Opened e) { return null; }\n" + GET),
            "@ViewKey(\"customer\")", validCart(""), OPEN, OPENED, SUMMARY, GET_SUMMARY, SUMMARY_QUERIES, LIST_SUMMARIES),
        error(Diagnostic.VIEW_KEY_UNKNOWN_COMPONENT, "@ViewKey(\"customer\") on class SummaryProjection, as handler"
                + " on(Opened) takes it, must name a String component",
            summaryProjection("@Projection(name = \"summary\")\n@ViewKey(\"customer\")", ON_OPENED + "\n" + GET),
            "@ViewKey(\"customer\")", validCart(""), OPEN, OPENED, SUMMARY, GET_SUMMARY),
        error(Diagnostic.INVALID_PROJECTION_NAME, "found 'Summary'",
            summaryProjection("@Projection(name = \"Summary\")", ON_OPENED + "\n" + GET),
            "@Projection(name", validCart(""), OPEN, OPENED, SUMMARY, GET_SUMMARY, SUMMARY_QUERIES, LIST_SUMMARIES),
        error(Diagnostic.TYPE_NOT_ACCESSIBLE, "@Projection class SummaryProjection must be public",
            source("test.SummaryProjection", "@Projection(name = \"summary\")\nclass SummaryProjection {\n" + ON_OPENED + "\n}"),
            "class SummaryProjection", validCart(""), OPEN, OPENED, SUMMARY, SUMMARY_QUERIES, LIST_SUMMARIES),
        error(Diagnostic.RECORD_NOT_ACCESSIBLE, "view record Summary must be public",
            source("test.Summary", "record Summary(String id, int count) {}"), "record Summary",
            summaryProjection("@Projection(name = \"summary\")", ON_OPENED), validCart(""), OPEN, OPENED,
            SUMMARY_QUERIES, LIST_SUMMARIES),
        error(Diagnostic.MIXED_VIEW_TYPES, "its handlers return both test.Summary (on()) and test.Opened (copy())",
            summaryProjection("@Projection(name = \"summary\")",
                ON_OPENED + "\n  @EventHandler Opened copy(Added e) { return null; }\n" + GET),
            "Opened copy(Added e)", validCart("  @EventSourcingHandler void on(Added e) {}"), OPEN, OPENED, ADDED, SUMMARY,
            GET_SUMMARY),
        error(Diagnostic.UNSUPPORTED_COMPONENT_TYPE, "component payload of Added has type java.lang.Object",
            source("test.Added", "public record Added(String id,\n    Object payload) {}"), "Object payload",
            summaryProjection("@Projection(name = \"summary\")", "  @EventHandler Summary on(Added e) { return null; }\n" + GET),
            validCart("  @CommandHandler Added add(Add c) { return null; }\n  @EventSourcingHandler void on(Added e) {}"),
            OPEN, OPENED, ADD, SUMMARY, GET_SUMMARY),
        error(Diagnostic.HANDLER_PRIVATE, "@Upcaster method up() must not be private",
            openedV1("  @Upcaster private static Opened up(OpenedV1 old) { return new Opened(old.id()); }"),
            "private static Opened up", validCart(""), OPEN, OPENED_2),
        error(Diagnostic.HANDLER_THROWS_CHECKED, "@Upcaster method up() must not declare checked exceptions",
            openedV1("  @Upcaster static Opened up(OpenedV1 old) throws Exception { return new Opened(old.id()); }"),
            "throws Exception", validCart(""), OPEN, OPENED_2),
        error(Diagnostic.UNSUPPORTED_COMPONENT_TYPE, "component payload of OpenedV1 has type java.lang.Object",
            source("test.OpenedV1", "@Event(name = \"Opened\", revision = 1)\npublic record OpenedV1(String id,\n"
                + "    Object payload) {\n  @Upcaster static Opened up(OpenedV1 old) { return new Opened(old.id()); }\n}"),
            "Object payload", validCart(""), OPEN, OPENED_2),
        error(Diagnostic.VIEW_KEY_UNKNOWN_COMPONENT, "@ViewKey(\"customer\") on count() must name a String component",
            summaryProjection("@Projection(name = \"summary\")",
                ON_OPENED + "\n  @EventHandler @ViewKey(\"customer\") Summary count(Added e, Summary s) { return s; }"),
            "@ViewKey(\"customer\")",
            validCart("  @CommandHandler Added add(Add c) { return null; }"), OPEN, OPENED, ADD, ADDED, SUMMARY),
        // the process manager left out is not taken for "nobody sends the internal command"
        error(Diagnostic.INVALID_PROCESS_MANAGER_NAME, "found 'Check Out'",
            ProcessManagerErrorsTest.checkout("@ProcessManager(name = \"Check Out\", sends = Add.class)",
                ProcessManagerErrorsTest.ON_OPENED),
            "@ProcessManager(name", validCart(INTERNAL_ADD + "\n  @EventSourcingHandler void on(Added e) {}"), OPEN, OPENED,
            ADD, ADDED, ProcessManagerErrorsTest.FLOW),
        // nor, when its handler of Added is left out, for "nobody consumes Added"
        error(Diagnostic.PROCESS_STATE_MISMATCH, "found java.lang.String",
            ProcessManagerErrorsTest.checkout(ProcessManagerErrorsTest.CHECKOUT, ProcessManagerErrorsTest.ON_OPENED
                + "\n  @EventHandler ProcessStep<Flow> on(Added e,\n      String state) { return null; }"),
            "String state", validCart(INTERNAL_ADD), OPEN, OPENED, ADD, ADDED, ProcessManagerErrorsTest.FLOW));
  }

  static final String INTERNAL_ADD = "  @CommandHandler(internal = true) Added add(Add c) { return null; }";

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void oneMistake_isReportedOnce_withoutFollowOnErrorsOrWarnings(Case c) {
    Compilation compilation = Compile.compile(c.sources());

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("[" + c.diagnostic().tag() + "] ")
        .inFile(c.file())
        .onLineContaining(c.lineContaining());
    assertThat(compilation).hadErrorContaining(c.messageFragment());
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadWarningCount(0);
  }
}
