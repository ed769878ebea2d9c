package dev.sourced.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.sourced.processor.Compile.source;

import com.google.testing.compile.Compilation;
import dev.sourced.processor.validation.Diagnostic;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every entry of the diagnostics catalogue, provoked by a small wrong program: the test asserts the
 * message, the file and the line the caret points at, and that it is the only error (or warning). The entries about
 * process managers and internal commands have theirs in {@link ProcessManagerErrorsTest}.
 */
class DiagnosticsTest {

  // A minimal valid aggregate the cases start from.
  static final JavaFileObject OPEN = source("test.Open", "public record Open(@AggregateId String id) {}");
  static final JavaFileObject OPENED = source("test.Opened", "public record Opened(String id) {}");
  static final JavaFileObject ADD = source("test.Add", "public record Add(@AggregateId String id, String sku) {}");
  static final JavaFileObject ADDED = source("test.Added", "public record Added(String id, String sku) {}");

  static JavaFileObject cart(String annotation, String members) {
    return source("test.Cart", annotation + "\npublic class Cart {\n" + members + "\n}");
  }

  static JavaFileObject validCart(String extraMembers) {
    return cart("@Aggregate", String.join("\n",
        "  @CommandHandler static Opened open(Open c) { return new Opened(c.id()); }",
        "  @EventSourcingHandler void on(Opened e) {}",
        extraMembers));
  }

  static final JavaFileObject SUMMARY = source("test.Summary", "public record Summary(String id, int count) {}");
  static final JavaFileObject GET_SUMMARY = source("test.GetSummary", "public record GetSummary(String id) {}");

  static JavaFileObject summaryProjection(String annotation, String members) {
    return source("test.SummaryProjection", annotation + "\npublic class SummaryProjection {\n" + members + "\n}");
  }

  /** One wrong program and where its diagnostic must point. */
  record Case(Diagnostic diagnostic, String messageFragment, JavaFileObject file, String lineContaining,
      List<JavaFileObject> sources) {
    @Override
    public String toString() {
      return diagnostic.tag() + ": " + messageFragment;
    }
  }

  static Case error(Diagnostic diagnostic, String fragment, JavaFileObject file, String line, JavaFileObject... others) {
    List<JavaFileObject> sources = new ArrayList<>(List.of(others));
    if (!sources.contains(file)) {
      sources.add(file);
    }
    return new Case(diagnostic, fragment, file, line, sources);
  }

  static Stream<Case> cases() {
    JavaFileObject opened2 = source("test.Opened", "@Event(name = \"Opened\", revision = 2)\npublic record Opened(String id) {}");
    JavaFileObject summaryOk = summaryProjection("@Projection(name = \"summary\")",
        "  @EventHandler Summary on(Opened e) { return new Summary(e.id(), 0); }");
    return Stream.of(
        error(Diagnostic.TYPE_NOT_ACCESSIBLE, "@Aggregate class Cart must be public",
            source("test.Cart", "@Aggregate\nclass Cart {\n  @CommandHandler static Opened open(Open c) { return null; }\n}"),
            "class Cart", OPEN, OPENED),
        error(Diagnostic.TYPE_NOT_ACCESSIBLE, "found abstract",
            source("test.Cart", "@Aggregate\npublic abstract class Cart {\n  @CommandHandler static Opened open(Open c) { return null; }\n}"),
            "public abstract class Cart", OPEN, OPENED),
        error(Diagnostic.NO_ACCESSIBLE_CONSTRUCTOR, "needs a non-private constructor without parameters",
            validCart("  private Cart() {}"), "public class Cart", OPEN, OPENED),
        error(Diagnostic.INVALID_AGGREGATE_NAME, "found 'Shopping Cart'. Use e.g. 'shopping-cart'",
            cart("@Aggregate(name = \"Shopping Cart\")", "  @CommandHandler static Opened open(Open c) { return null; }\n  @EventSourcingHandler void on(Opened e) {}"),
            "@Aggregate(name", OPEN, OPENED),
        error(Diagnostic.RESERVED_AGGREGATE_NAME, "@Aggregate name 'unique' is reserved",
            cart("@Aggregate(name = \"unique\")", "  @CommandHandler static Opened open(Open c) { return null; }\n  @EventSourcingHandler void on(Opened e) {}"),
            "@Aggregate(name", OPEN, OPENED),
        error(Diagnostic.NEGATIVE_SNAPSHOT_EVERY, "found -1",
            cart("@Aggregate(snapshotEvery = -1)", "  @CommandHandler static Opened open(Open c) { return null; }\n  @EventSourcingHandler void on(Opened e) {}"),
            "snapshotEvery = -1", OPEN, OPENED),
        error(Diagnostic.NEGATIVE_CACHED_STREAMS, "found -5",
            cart("@Aggregate(cachedStreams = -5)", "  @CommandHandler static Opened open(Open c) { return null; }\n  @EventSourcingHandler void on(Opened e) {}"),
            "cachedStreams = -5", OPEN, OPENED),
        error(Diagnostic.SNAPSHOT_STATE_MISSING, "@Aggregate(snapshotEvery = 50) on Cart needs its state as a record to store snapshots",
            cart("@Aggregate(snapshotEvery = 50)", "  @CommandHandler static Opened open(Open c) { return null; }\n  @EventSourcingHandler void on(Opened e) {}"),
            "snapshotEvery = 50", OPEN, OPENED),
        error(Diagnostic.NO_CREATION_HANDLER, "found only instance handlers: open()",
            cart("@Aggregate", "  @CommandHandler Opened open(Open c) { return null; }\n  @EventSourcingHandler void on(Opened e) {}"),
            "public class Cart", OPEN, OPENED),
        error(Diagnostic.CREATION_HANDLER_WITHOUT_EVENTS, "static @CommandHandler open() is a creation handler",
            cart("@Aggregate", "  @CommandHandler static void open(Open c) {}"),
            "static void open", OPEN),
        error(Diagnostic.HANDLER_OUTSIDE_AGGREGATE, "@CommandHandler method add() must be declared in a class annotated @Aggregate; Other is not",
            source("test.Other", "public class Other {\n  @CommandHandler Added add(Add c) { return null; }\n}"),
            "Added add(Add c)", ADD, ADDED),
        error(Diagnostic.HANDLER_OUTSIDE_PROJECTION, "@EventHandler method on() must be declared in a class annotated @Projection",
            source("test.Other", "public class Other {\n  @EventHandler void on(Opened e) {}\n}"),
            "void on(Opened e)", OPENED),
        error(Diagnostic.HANDLER_PRIVATE, "@EventSourcingHandler method on() must not be private",
            cart("@Aggregate", "  @CommandHandler static Opened open(Open c) { return null; }\n  @EventSourcingHandler private void on(Opened e) {}"),
            "private void on", OPEN, OPENED),
        error(Diagnostic.HANDLER_STATIC, "@EventSourcingHandler method on() must be an instance method",
            cart("@Aggregate", "  @CommandHandler static Opened open(Open c) { return null; }\n  @EventSourcingHandler static void on(Opened e) {}"),
            "static void on", OPEN, OPENED),
        error(Diagnostic.HANDLER_NO_PARAMETERS, "@CommandHandler method ping() must take the command record as its first parameter; found no parameters",
            validCart("  @CommandHandler Opened ping() { return null; }"), "Opened ping()", OPEN, OPENED),
        error(Diagnostic.HANDLER_PARAMETER_NOT_RECORD, "must take the command as its first parameter, and commands are records; found class java.lang.String",
            validCart("  @CommandHandler Added add(String sku) { return null; }"), "Added add(String sku)", OPEN, OPENED, ADDED),
        error(Diagnostic.HANDLER_PARAMETER_NOT_RECORD, "found class test.AddItem. Declare it as a record",
            validCart("  @CommandHandler Added add(AddItem c) { return null; }"), "Added add(AddItem c)", OPEN, OPENED, ADDED,
            source("test.AddItem", "public class AddItem { public String id; }")),
        error(Diagnostic.HANDLER_EXTRA_PARAMETERS, "found an unexpected parameter of type java.lang.String",
            validCart("  @CommandHandler Added add(Add c, String extra) { return null; }"), "Added add(Add c, String extra)", OPEN, OPENED, ADD, ADDED),
        error(Diagnostic.HANDLER_THROWS_CHECKED, "must not declare checked exceptions; found java.io.IOException",
            cart("@Aggregate", "  @CommandHandler static Opened open(Open c) throws java.io.IOException { return null; }\n  @EventSourcingHandler void on(Opened e) {}"),
            "throws java.io.IOException", OPEN, OPENED),
        error(Diagnostic.RECORD_NOT_ACCESSIBLE, "command record Open must be public",
            source("test.Open", "record Open(@AggregateId String id) {}"), "record Open(", validCart(""), OPENED),
        error(Diagnostic.RECORD_NOT_ACCESSIBLE, "found type parameters T.",
            source("test.Tagged", "public record Tagged<T>(@AggregateId String id) {}"), "public record Tagged",
            validCart("  @CommandHandler Added tag(Tagged<String> c) { return null; }"), OPEN, OPENED, ADDED),
        error(Diagnostic.MISSING_AGGREGATE_ID, "command record Open must mark the component that identifies the aggregate with @AggregateId; found none among (id)",
            source("test.Open", "public record Open(String id) {}"), "public record Open", validCart(""), OPENED),
        error(Diagnostic.MULTIPLE_AGGREGATE_IDS, "found id, other",
            source("test.Open", "public record Open(@AggregateId String id,\n    @AggregateId String other) {}"), "@AggregateId String other", validCart(""), OPENED),
        error(Diagnostic.AGGREGATE_ID_NOT_STRING, "@AggregateId component id of Open must be a String; found long",
            source("test.Open", "public record Open(@AggregateId long id) {}"), "public record Open", validCart(""), OPENED),
        error(Diagnostic.DUPLICATE_COMMAND_HANDLER, "command Open has two @CommandHandler methods: Cart.open() and Wishlist.open()",
            source("test.Wishlist", "@Aggregate\npublic class Wishlist {\n  @CommandHandler static Opened open(Open c) { return null; }\n}"),
            "static Opened open", validCart(""), OPEN, OPENED),
        error(Diagnostic.COMMAND_HANDLER_RETURN_TYPE, "a List of either, or void; found java.lang.String",
            validCart("  @CommandHandler String add(Add c) { return null; }"), "String add(Add c)", OPEN, OPENED, ADD),
        error(Diagnostic.COMMAND_HANDLER_RETURN_TYPE, "a sealed interface whose permitted subtypes are event records, a List of either, or void; found test.Outcome",
            validCart("  @CommandHandler Outcome add(Add c) { return null; }"), "Outcome add(Add c)", OPEN, OPENED, ADD,
            source("test.Outcome", "public sealed interface Outcome permits Outcome.Added, Outcome.Other {\n  record Added(String id) implements Outcome {}\n  final class Other implements Outcome {}\n}")),
        error(Diagnostic.EVENT_SOURCING_HANDLER_RETURNS_VALUE, "@EventSourcingHandler method again() must return void",
            validCart("  @EventSourcingHandler Cart again(Added e) { return this; }"), "Cart again(Added e)", OPEN, OPENED, ADDED),
        error(Diagnostic.DUPLICATE_EVENT_HANDLER, "Cart has two @EventSourcingHandler methods for event Opened: on() and again()",
            validCart("  @EventSourcingHandler void again(Opened e) {}"), "void again(Opened e)", OPEN, OPENED),
        error(Diagnostic.EVENT_NOT_RECORD, "@Event type Closed must be a record (events are immutable data); found class",
            source("test.Closed", "@Event\npublic class Closed {}"), "public class Closed"),
        error(Diagnostic.INVALID_EVENT_NAME, "found name 'cart opened', revision 1",
            source("test.Opened", "@Event(name = \"cart opened\")\npublic record Opened(String id) {}"), "@Event(name", validCart(""), OPEN),
        error(Diagnostic.DUPLICATE_EVENT_NAME, "event name 'Opened' revision 1 is declared by both test.Opened and test.OpenedAgain",
            source("test.OpenedAgain", "@Event(name = \"Opened\")\npublic record OpenedAgain(String id) {}"), "@Event(name", validCart(""), OPEN, OPENED),
        error(Diagnostic.MISSING_UPCASTER, "event 'Opened' is at revision 2, so stored events of revision 1 must be upcast",
            opened2, "@Event(name = \"Opened\", revision = 2)", validCart(""), OPEN),
        error(Diagnostic.INVALID_UPCASTER, "@Upcaster method up() must be static",
            source("test.OpenedV1", "@Event(name = \"Opened\", revision = 1)\npublic record OpenedV1(String id) {\n  @Upcaster Opened up(OpenedV1 old) { return new Opened(old.id()); }\n}"),
            "@Upcaster Opened up", validCart(""), OPEN, opened2),
        error(Diagnostic.INVALID_UPCASTER, "found 'Opened' revision 1 → 'Added' revision 1; expected 'Opened' revision 2",
            source("test.OpenedV1", "@Event(name = \"Opened\", revision = 1)\npublic record OpenedV1(String id) {\n  @Upcaster static Added up(OpenedV1 old) { return null; }\n  @Upcaster static Opened up2(OpenedV1 old) { return new Opened(old.id()); }\n}"),
            "static Added up(", validCart("  @EventSourcingHandler void on(Added e) {}"), OPEN, opened2, ADDED),
        error(Diagnostic.DUPLICATE_UPCASTER, "event 'Opened' revision 1 has two @Upcaster methods: OpenedV1.up() and OpenedV1.up2()",
            source("test.OpenedV1", "@Event(name = \"Opened\", revision = 1)\npublic record OpenedV1(String id) {\n  @Upcaster static Opened up(OpenedV1 old) { return new Opened(old.id()); }\n  @Upcaster static Opened up2(OpenedV1 old) { return new Opened(old.id()); }\n}"),
            "static Opened up2", validCart(""), OPEN, opened2),
        error(Diagnostic.OUTDATED_EVENT_REVISION, "again() uses OpenedV1, revision 1 of event 'Opened', but the newest revision is 2 (Opened)",
            validCart("  @EventSourcingHandler void again(OpenedV1 e) {}"), "void again(OpenedV1 e)", OPEN, opened2,
            source("test.OpenedV1", "@Event(name = \"Opened\", revision = 1)\npublic record OpenedV1(String id) {\n  @Upcaster static Opened up(OpenedV1 old) { return new Opened(old.id()); }\n}")),
        error(Diagnostic.INVALID_PROJECTION_NAME, "found 'Cart_Summary'. Use e.g. 'cart-summary'",
            summaryProjection("@Projection(name = \"Cart_Summary\")", "  @EventHandler Summary on(Opened e) { return null; }"),
            "@Projection(name", validCart(""), OPEN, OPENED, SUMMARY),
        error(Diagnostic.INVALID_PROJECTION_VERSION, "@Projection version must be 1 or more; found 0",
            summaryProjection("@Projection(name = \"summary\", version = 0)", "  @EventHandler Summary on(Opened e) { return null; }"),
            "version = 0", validCart(""), OPEN, OPENED, SUMMARY),
        error(Diagnostic.DUPLICATE_PROJECTION_NAME, "projection name 'summary' is used by both test.SummaryProjection and test.TotalsProjection",
            source("test.TotalsProjection", "@Projection(name = \"summary\")\npublic class TotalsProjection {\n  @EventHandler Summary on(Opened e) { return null; }\n}"),
            "@Projection(name", summaryOk, validCart(""), OPEN, OPENED, SUMMARY),
        error(Diagnostic.GENERATED_NAME_CLASH, "@Projection test.TotalsProjection and @Projection test.Totals would both"
                + " generate a class named SourcedLambdas.TotalsProjectionLambda in package test",
            source("test.Totals", "@Projection(name = \"totals-by-day\")\npublic class Totals {\n  @EventHandler Summary on(Opened e) { return null; }\n}"),
            "@Projection(name", source("test.TotalsProjection",
                "@Projection(name = \"totals\")\npublic class TotalsProjection {\n  @EventHandler Summary on(Opened e) { return null; }\n}"),
            validCart(""), OPEN, OPENED, SUMMARY),
        error(Diagnostic.HANDLER_NAME_TOO_LONG, "would be 133 characters long (test.SourcedLambdas$CartLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongCommandsLambda::handleRequest);"
                + " AWS Lambda allows at most 128",
            source("test.CartLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLong", "@Aggregate(name = \"cart\")\npublic class CartLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLong {\n"
                + "  @CommandHandler static Opened open(Open c) { return new Opened(c.id()); }\n  @EventSourcingHandler void on(Opened e) {}\n}"),
            "@Aggregate", OPEN, OPENED),
        error(Diagnostic.EVENT_HANDLER_STATE_MISMATCH, "its state parameter must be of its return type test.Summary; found java.lang.String",
            summaryProjection("@Projection(name = \"summary\")", "  @EventHandler Summary on(Opened e,\n      String state) { return null; }"),
            "String state", validCart(""), OPEN, OPENED, SUMMARY),
        error(Diagnostic.EVENT_HANDLER_RETURN_TYPE, "@EventHandler method on() must return a view record or void (a reactor); found java.lang.String",
            summaryProjection("@Projection(name = \"summary\")", "  @EventHandler String on(Opened e) { return null; }"),
            "String on(Opened e)", validCart(""), OPEN, OPENED),
        error(Diagnostic.MIXED_VIEW_TYPES, "its handlers return both test.Summary (on()) and test.Opened (copy())",
            summaryProjection("@Projection(name = \"summary\")", "  @EventHandler Summary on(Opened e) { return null; }\n  @EventHandler Opened copy(Added e) { return null; }"),
            "Opened copy(Added e)", validCart("  @EventSourcingHandler void on(Added e) {}"), OPEN, OPENED, ADDED, SUMMARY),
        error(Diagnostic.VIEW_KEY_UNKNOWN_COMPONENT, "@ViewKey(\"customer\") on on() must name a String component of event Opened; found no such component. Use one of: id",
            summaryProjection("@Projection(name = \"summary\")", "  @EventHandler @ViewKey(\"customer\") Summary on(Opened e) { return null; }"),
            "@ViewKey(\"customer\")", validCart(""), OPEN, OPENED, SUMMARY),
        error(Diagnostic.QUERY_WITHOUT_VIEWS, "@QueryHandler method get() must take Views<V> as its second parameter, where V is a projection's view type; found no second parameter. Add e.g. 'Views<Summary> views'.",
            summaryProjection("@Projection(name = \"summary\")", "  @EventHandler Summary on(Opened e) { return null; }\n  @QueryHandler Summary get(GetSummary q) { return null; }"),
            "Summary get(GetSummary q)", validCart(""), OPEN, OPENED, SUMMARY, GET_SUMMARY),
        error(Diagnostic.QUERY_VIEW_NOT_PRODUCED, "reads Views<Opened>, but no @Projection produces Opened views; projections produce: Summary (summary)",
            summaryProjection("@Projection(name = \"summary\")", "  @EventHandler Summary on(Opened e) { return null; }\n  @QueryHandler Opened get(GetSummary q,\n      Views<Opened> views) { return null; }"),
            "Views<Opened> views", validCart(""), OPEN, OPENED, SUMMARY, GET_SUMMARY),
        error(Diagnostic.DUPLICATE_QUERY_HANDLER, "query GetSummary has two @QueryHandler methods: SummaryProjection.get() and SummaryQueries.get()",
            source("test.SummaryQueries", "public class SummaryQueries {\n  @QueryHandler(route = \"GET /summary-by-id/{id}\") static Summary get(GetSummary q, Views<Summary> v) { return null; }\n}"),
            "static Summary get(", summaryProjection("@Projection(name = \"summary\")", "  @EventHandler Summary on(Opened e) { return null; }\n  @QueryHandler Summary get(GetSummary q, Views<Summary> v) { return null; }"),
            validCart(""), OPEN, OPENED, SUMMARY, GET_SUMMARY),
        error(Diagnostic.INVALID_ROUTE, "route 'POST /carts/{cartId}/items' of add() is invalid: path parameter {cartId} is not a component of Add (id, sku)",
            validCart("  @CommandHandler(route = \"POST /carts/{cartId}/items\") Added add(Add c) { return null; }\n  @EventSourcingHandler void on(Added e) {}"),
            "route = \"POST /carts/{cartId}/items\"", OPEN, OPENED, ADD, ADDED),
        error(Diagnostic.INVALID_ROUTE, "commands change state, so they cannot use GET",
            validCart("  @CommandHandler(route = \"GET /carts/{id}\") Added add(Add c) { return null; }\n  @EventSourcingHandler void on(Added e) {}"),
            "route = \"GET /carts/{id}\"", OPEN, OPENED, ADD, ADDED),
        error(Diagnostic.ROUTE_COLLISION, "route 'GET /summary/{key}' of find() collides with route 'GET /summary/{id}' of get()",
            summaryProjection("@Projection(name = \"summary\")", "  @EventHandler Summary on(Opened e) { return null; }\n  @QueryHandler Summary get(GetSummary q, Views<Summary> v) { return null; }\n  @QueryHandler Summary find(FindSummary q, Views<Summary> v) { return null; }"),
            "Summary find(FindSummary q", validCart(""), OPEN, OPENED, SUMMARY, GET_SUMMARY,
            source("test.FindSummary", "public record FindSummary(String key) {}")),
        error(Diagnostic.COMMAND_CONTEXT_OUTSIDE_COMMAND_HANDLER, "@EventHandler method on() takes a CommandContext, which only a"
                + " @CommandHandler may take: it says who sent the command being handled. Remove the parameter; an event tells"
                + " who caused it through EventMetadata.principal()",
            summaryProjection("@Projection(name = \"summary\")", "  @EventHandler Summary on(Opened e,\n      CommandContext context) { return null; }"),
            "CommandContext context", validCart(""), OPEN, OPENED, SUMMARY),
        error(Diagnostic.COMMAND_CONTEXT_OUTSIDE_COMMAND_HANDLER, "@QueryHandler method get() takes a CommandContext",
            summaryProjection("@Projection(name = \"summary\")", "  @EventHandler Summary on(Opened e) { return null; }\n  @QueryHandler Summary get(GetSummary q, Views<Summary> v,\n      CommandContext context) { return null; }"),
            "CommandContext context", validCart(""), OPEN, OPENED, SUMMARY, GET_SUMMARY),
        error(Diagnostic.COMMAND_CONTEXT_REPEATED, "@CommandHandler method add() takes CommandContext 2 times; it may take it once, as its last parameter",
            validCart("  @CommandHandler Added add(Add c, CommandContext first,\n      CommandContext second) { return null; }\n  @EventSourcingHandler void on(Added e) {}"),
            "CommandContext second", OPEN, OPENED, ADD, ADDED),
        error(Diagnostic.COMMAND_CONTEXT_NOT_LAST, "@CommandHandler method add() takes CommandContext as parameter 1 of 2; it must come"
                + " last, after the command. Declare e.g. add(Add command, CommandContext context)",
            validCart("  @CommandHandler Added add(CommandContext context,\n      Add c) { return null; }\n  @EventSourcingHandler void on(Added e) {}"),
            "CommandContext context,", OPEN, OPENED, ADD, ADDED),
        error(Diagnostic.COMMAND_CONTEXT_NOT_LAST, "takes CommandContext as parameter 1 of 1; it must come last, after the command",
            validCart("  @CommandHandler Added add(CommandContext context) { return null; }\n  @EventSourcingHandler void on(Added e) {}"),
            "Added add(CommandContext context)", OPEN, OPENED, ADDED),
        error(Diagnostic.INVALID_CLAIMS, "@CommandHandler(claims = ...) of add() must name at most 16 distinct JWT claims of 1 to 128"
                + " characters; found a blank name, 'email' twice",
            validCart("  @CommandHandler(claims = {\"email\", \"\", \"email\"}) Added add(Add c, CommandContext context) { return null; }\n  @EventSourcingHandler void on(Added e) {}"),
            "claims = {\"email\", \"\", \"email\"}", OPEN, OPENED, ADD, ADDED),
        error(Diagnostic.CLAIMS_WITHOUT_COMMAND_CONTEXT, "@CommandHandler method add() asks for claims [email] but takes no CommandContext",
            validCart("  @CommandHandler(claims = \"email\")\n  Added add(Add c) { return null; }\n  @EventSourcingHandler void on(Added e) {}"),
            "claims = \"email\"", OPEN, OPENED, ADD, ADDED),
        error(Diagnostic.UNIQUE_NOT_STRING, "@Unique(\"number\") component number of Open must be a String: its value"
                + " becomes part of a DynamoDB key and is compared exactly as given; found long",
            source("test.Open", "public record Open(@AggregateId String id,\n    @Unique(\"number\") long number) {}"),
            "long number", validCart(""), OPENED),
        error(Diagnostic.INVALID_UNIQUE_SCOPE, "@Unique scope must be lower-case kebab case of at most 40 characters"
                + " ([a-z][a-z0-9]*(-[a-z0-9]+)*) because it becomes part of the keys of reservations; found 'E-Mail'. Use e.g. 'e-mail'",
            source("test.Open", "public record Open(@AggregateId String id,\n    @Unique(\"E-Mail\") String email) {}"),
            "String email", validCart(""), OPENED),
        error(Diagnostic.INVALID_UNIQUE_SCOPE, "@ReleasesUnique scope must be lower-case kebab case",
            source("test.Closed", "@ReleasesUnique(\"e mail\")\npublic record Closed(String id) {}"), "@ReleasesUnique",
            validCart("  @CommandHandler Closed close(Close c) { return null; }\n  @EventSourcingHandler void on(Closed e) {}"),
            OPENED, source("test.Close", "public record Close(@AggregateId String id) {}"),
            source("test.Open", "public record Open(@AggregateId String id, @Unique(\"email\") String email) {}")),
        error(Diagnostic.UNIQUE_SCOPE_REPEATED, "command Open names unique scope 'email' twice (component email and"
                + " component other); a stream holds one value per scope",
            source("test.Open", "public record Open(@AggregateId String id, @Unique(\"email\") String email,\n"
                + "    @Unique(\"email\") String other) {}"),
            "String other", validCart(""), OPENED),
        error(Diagnostic.UNIQUE_SCOPE_REPEATED, "event Closed names unique scope 'email' twice (component email and @ReleasesUnique)",
            source("test.Closed", "@ReleasesUnique(\"email\")\npublic record Closed(String id, @Unique(\"email\") String email) {}"),
            "@ReleasesUnique",
            validCart("  @CommandHandler Closed close(Close c) { return null; }\n  @EventSourcingHandler void on(Closed e) {}"),
            OPENED, source("test.Close", "public record Close(@AggregateId String id) {}"),
            source("test.Open", "public record Open(@AggregateId String id, @Unique(\"email\") String email) {}")),
        error(Diagnostic.UNIQUE_ON_NON_CREATION_COMMAND, "@Unique(\"sku\") on component sku of Add claims a value when a"
                + " stream starts, but add() handles Add for an existing stream (it is not static)",
            source("test.Add", "public record Add(@AggregateId String id,\n    @Unique(\"sku\") String sku) {}"), "String sku",
            validCart("  @CommandHandler Added add(Add c) { return null; }\n  @EventSourcingHandler void on(Added e) {}"),
            OPEN, OPENED, ADDED),
        error(Diagnostic.UNIQUE_SCOPE_NOT_CLAIMED, "event Renamed moves (component email) the stream's unique 'emial' value,"
                + " but aggregate cart claims no value in scope 'emial': none of its creation commands has a component"
                + " annotated @Unique(\"emial\"); it claims: email",
            source("test.Renamed", "public record Renamed(String id,\n    @Unique(\"emial\") String email) {}"), "String email",
            validCart("  @CommandHandler Renamed rename(Rename c) { return null; }\n  @EventSourcingHandler void on(Renamed e) {}"),
            OPENED, source("test.Rename", "public record Rename(@AggregateId String id, String email) {}"),
            source("test.Open", "public record Open(@AggregateId String id, @Unique(\"email\") String email) {}")),
        error(Diagnostic.UNIQUE_SCOPE_NOT_CLAIMED, "event Closed releases (@ReleasesUnique) the stream's unique 'email' value,"
                + " but aggregate cart claims no value in scope 'email'",
            source("test.Closed", "@ReleasesUnique(\"email\")\npublic record Closed(String id) {}"), "@ReleasesUnique",
            validCart("  @CommandHandler Closed close(Close c) { return null; }\n  @EventSourcingHandler void on(Closed e) {}"),
            OPEN, OPENED, source("test.Close", "public record Close(@AggregateId String id) {}")),
        error(Diagnostic.UNIQUE_OUTSIDE_COMMAND_OR_EVENT, "@Unique on component text of Note has no effect: Note is neither"
                + " the command of a @CommandHandler nor an event record",
            source("test.Note", "public record Note(String id,\n    @Unique(\"text\") String text) {}"), "String text",
            validCart(""), OPEN, OPENED),
        error(Diagnostic.UNIQUE_OUTSIDE_COMMAND_OR_EVENT, "@ReleasesUnique on Note has no effect",
            source("test.Note", "@ReleasesUnique(\"text\")\npublic record Note(String id) {}"), "@ReleasesUnique",
            validCart(""), OPEN, OPENED),
        error(Diagnostic.UNSUPPORTED_COMPONENT_TYPE, "component payload of Open has type java.lang.Object, which has no JSON mapping",
            source("test.Open", "public record Open(@AggregateId String id,\n    Object payload) {}"), "Object payload", validCart(""), OPENED),
        error(Diagnostic.UNSUPPORTED_COMPONENT_TYPE, "component byNumber of Opened has type java.util.Map<java.lang.Integer,java.lang.String>",
            source("test.Opened", "public record Opened(String id,\n    Map<Integer, String> byNumber) {}"), "byNumber", validCart(""), OPEN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void wrongProgram_failsCompilation_withPreciseDiagnostic(Case c) {
    Compilation compilation = Compile.compile(c.sources());

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("[" + c.diagnostic().tag() + "] ")
        .inFile(c.file())
        .onLineContaining(c.lineContaining());
    assertThat(compilation).hadErrorContaining(c.messageFragment());
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void eventThatNothingConsumes_warns_andCompilationSucceeds() {
    JavaFileObject closed = source("test.Closed", "public record Closed(String id) {}");
    JavaFileObject close = source("test.Close", "public record Close(@AggregateId String id) {}");
    Compilation compilation = Compile.compile(List.of(
        validCart("  @CommandHandler Closed close(Close c) { return new Closed(c.id()); }"), OPEN, OPENED, close, closed));

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining("[EventNotConsumed] event 'Closed' (test.Closed) is produced but no @EventSourcingHandler or @EventHandler consumes it")
        .inFile(closed)
        .onLineContaining("public record Closed");
  }

  @Test
  void missingAppName_failsCompilation_suggestingANameAndHowToSetIt() {
    Compilation compilation = Compile.compileWithOptions(List.of(validCart(""), OPEN, OPENED));

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[MissingAppName] the application has no name: pass it to the compiler as"
        + " -Asourced.app=<name>");
    assertThat(compilation).hadErrorContaining("(e.g. -Asourced.app=test)");
    assertThat(compilation).hadErrorContaining("<compilerArgs><arg>-Asourced.app=test</arg></compilerArgs>");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void blankAppName_isMissing() {
    Compilation compilation = Compile.compileWithOptions(List.of(validCart(""), OPEN, OPENED), "-Asourced.app= ");

    assertThat(compilation).hadErrorContaining("[MissingAppName]");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void missingAppName_isReportedWithTheOtherMistakes() {
    Compilation compilation = Compile.compileWithOptions(List.of(validCart("  @CommandHandler Opened ping() { return null; }"), OPEN, OPENED));

    assertThat(compilation).hadErrorContaining("[MissingAppName]");
    assertThat(compilation).hadErrorContaining("[HandlerNoParameters]").inFile(validCart("  @CommandHandler Opened ping() { return null; }"))
        .onLineContaining("Opened ping()");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void invalidAppName_failsCompilation_suggestingAValidOne() {
    Compilation compilation = Compile.compileWithOptions(List.of(validCart(""), OPEN, OPENED), "-Asourced.app=Shopping Cart");

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[InvalidAppName] -Asourced.app must be lower-case kebab case");
    assertThat(compilation).hadErrorContaining("found 'Shopping Cart'. Use e.g. 'shopping-cart'.");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void everyCatalogueEntry_hasANegativeTest() {
    Set<Diagnostic> tested = Stream.concat(cases(), ProcessManagerErrorsTest.cases()).map(Case::diagnostic)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Diagnostic.class)));
    tested.add(Diagnostic.EVENT_NOT_CONSUMED); // the warning has its own test above
    tested.add(Diagnostic.CANCEL_OF_UNHANDLED_DEADLINE); // a warning: its own test in ProcessManagerErrorsTest
    tested.add(Diagnostic.MISSING_APP_NAME);   // the build's options have no file or line: their own tests above
    tested.add(Diagnostic.INVALID_APP_NAME);
    assertThat(EnumSet.complementOf(EnumSet.copyOf(tested))).isEmpty();
    assertThat(Diagnostic.values().length).isAtLeast(25);
  }

  @Test
  void everyDiagnosticTag_isUnique() {
    assertThat(Stream.of(Diagnostic.values()).map(Diagnostic::tag).distinct().count())
        .isEqualTo((long) Diagnostic.values().length);
  }
}
