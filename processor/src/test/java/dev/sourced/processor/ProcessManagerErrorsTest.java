package dev.sourced.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.sourced.processor.Compile.source;
import static dev.sourced.processor.DiagnosticsTest.ADD;
import static dev.sourced.processor.DiagnosticsTest.ADDED;
import static dev.sourced.processor.DiagnosticsTest.OPEN;
import static dev.sourced.processor.DiagnosticsTest.OPENED;
import static dev.sourced.processor.DiagnosticsTest.SUMMARY;
import static dev.sourced.processor.DiagnosticsTest.error;
import static dev.sourced.processor.DiagnosticsTest.summaryProjection;
import static dev.sourced.processor.DiagnosticsTest.validCart;

import com.google.testing.compile.Compilation;
import dev.sourced.processor.DiagnosticsTest.Case;
import dev.sourced.processor.validation.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every diagnostic about process managers and internal commands, provoked by a small wrong program: a checkout
 * process manager that starts on a cart's {@code Opened} and sends the cart's {@code Add}. The test asserts the
 * message, the file and the line the caret points at, and that it is the only error. {@code DiagnosticsTest} counts
 * these cases as the catalogue entries' negative tests.
 */
class ProcessManagerErrorsTest {
  static final JavaFileObject FLOW = source("test.Flow", "public record Flow(String id, int step) {}");
  static final String CHECKOUT = "@ProcessManager(name = \"checkout\", sends = Add.class)";
  static final String ON_OPENED =
      "  @EventHandler ProcessStep<Flow> on(Opened e) { return ProcessStep.of(new Flow(e.id(), 0)).send(new Add(e.id(), \"sku\")); }";
  static final String ON_ADDED = "  @EventHandler ProcessStep<Flow> on(Added e, Flow flow) { return ProcessStep.end(); }";

  static JavaFileObject checkout(String annotation, String members) {
    return source("test.Checkout", annotation + "\npublic class Checkout {\n" + members + "\n}");
  }

  /** The cart, with a command the checkout sends. */
  static JavaFileObject cart(String extraMembers) {
    return validCart("  @CommandHandler Added add(Add c) { return new Added(c.id(), c.sku()); }\n"
        + "  @EventSourcingHandler void on(Added e) {}\n" + extraMembers);
  }

  /**
   * A case whose sources are the wrong file, the others given, and of the valid cart, its records and the state record
   * those the case does not replace.
   */
  static Case pm(Diagnostic diagnostic, String fragment, JavaFileObject file, String line, JavaFileObject... others) {
    List<JavaFileObject> sources = new ArrayList<>(List.of(others));
    sources.add(file);
    for (JavaFileObject base : List.of(OPEN, OPENED, ADD, ADDED, FLOW, cart(""))) {
      if (sources.stream().noneMatch(s -> s.getName().equals(base.getName()))) {
        sources.add(base);
      }
    }
    sources.remove(file);
    return error(diagnostic, fragment, file, line, sources.toArray(new JavaFileObject[0]));
  }

  static Stream<Case> cases() {
    return Stream.of(
        pm(Diagnostic.TYPE_NOT_ACCESSIBLE, "@ProcessManager class Checkout must be public",
            source("test.Checkout", CHECKOUT + "\nclass Checkout {\n" + ON_OPENED + "\n}"), "class Checkout"),
        pm(Diagnostic.NO_ACCESSIBLE_CONSTRUCTOR, "@ProcessManager class Checkout needs a non-private constructor",
            checkout(CHECKOUT, ON_OPENED + "\n  private Checkout() {}"), "public class Checkout"),
        pm(Diagnostic.INVALID_PROCESS_MANAGER_NAME, "found 'Check Out'. Use e.g. 'check-out'",
            checkout("@ProcessManager(name = \"Check Out\", sends = Add.class)", ON_OPENED), "@ProcessManager(name"),
        pm(Diagnostic.DUPLICATE_PROCESS_MANAGER_NAME,
            "process manager name 'summary' of test.Checkout is also the name of projection test.SummaryProjection",
            checkout("@ProcessManager(name = \"summary\", sends = Add.class)", ON_OPENED), "@ProcessManager(name",
            SUMMARY, summaryProjection("@Projection(name = \"summary\")",
                "  @EventHandler Summary on(Opened e) { return new Summary(e.id(), 0); }")),
        pm(Diagnostic.DUPLICATE_PROCESS_MANAGER_NAME,
            "process manager name 'checkout' of test.Payment is also the name of process manager test.Checkout",
            source("test.Payment", "@ProcessManager(name = \"checkout\")\npublic class Payment {\n" + ON_OPENED + "\n}"),
            "@ProcessManager(name", checkout(CHECKOUT, ON_OPENED)),
        pm(Diagnostic.PROCESS_MANAGER_WITHOUT_HANDLERS, "@ProcessManager Checkout has no @EventHandler method",
            checkout(CHECKOUT, ""), "@ProcessManager(name"),
        pm(Diagnostic.PROCESS_STEP_RETURN_TYPE, "@EventHandler method on() of a process manager must return ProcessStep<S>,"
                + " with S the process manager's state record; found test.Flow",
            checkout(CHECKOUT, "  @EventHandler Flow on(Opened e) { return null; }"), "Flow on(Opened e)"),
        pm(Diagnostic.PROCESS_STEP_RETURN_TYPE, "found void",
            checkout(CHECKOUT, ON_OPENED + "\n  @EventHandler void on(Added e) {}"), "void on(Added e)"),
        pm(Diagnostic.PROCESS_STEP_RETURN_TYPE, "@RejectionHandler method rejected() of a process manager must return"
                + " ProcessStep<S>",
            checkout(CHECKOUT, ON_OPENED + "\n  @RejectionHandler Flow rejected(Add c, DomainException r, Flow f) { return f; }"),
            "Flow rejected("),
        pm(Diagnostic.PROCESS_STATE_NOT_RECORD, "@EventHandler method on() returns ProcessStep<java.lang.String>, but a"
                + " process manager's state must be a record",
            checkout(CHECKOUT, "  @EventHandler ProcessStep<String> on(Opened e) { return null; }"), "ProcessStep<String> on("),
        pm(Diagnostic.MIXED_PROCESS_STATES, "its handlers return ProcessStep of both test.Flow (on()) and test.Opened (copy())",
            checkout(CHECKOUT, ON_OPENED + "\n  @EventHandler ProcessStep<Opened> copy(Added e) { return null; }"),
            "ProcessStep<Opened> copy("),
        pm(Diagnostic.PROCESS_STATE_MISMATCH, "@EventHandler method on() takes the instance's state, which must be of the"
                + " state record test.Flow its ProcessStep carries; found java.lang.String",
            checkout(CHECKOUT, ON_OPENED + "\n  @EventHandler ProcessStep<Flow> on(Added e,\n      String state) { return null; }"),
            "String state"),
        pm(Diagnostic.PROCESS_STATE_MISMATCH, "@RejectionHandler method rejected() takes the instance's state, which must be"
                + " of the state record test.Flow",
            checkout(CHECKOUT, ON_OPENED + "\n  @RejectionHandler ProcessStep<Flow> rejected(Add c, DomainException r,\n"
                + "      Opened state) { return null; }"),
            "Opened state"),
        pm(Diagnostic.DUPLICATE_EVENT_HANDLER, "Checkout has two @EventHandler methods for event Opened: on() and again()",
            checkout(CHECKOUT, ON_OPENED + "\n  @EventHandler ProcessStep<Flow> again(Opened e) { return null; }"),
            "ProcessStep<Flow> again("),
        pm(Diagnostic.ASSOCIATION_KEY_UNKNOWN_COMPONENT, "@AssociationKey(\"order\") on on() must name a String component of"
                + " event Opened; found no such component. Use one of: id; or remove it",
            checkout(CHECKOUT, "  @EventHandler @AssociationKey(\"order\")\n"
                + "  ProcessStep<Flow> on(Opened e) { return null; }"), "@AssociationKey(\"order\")"),
        pm(Diagnostic.ASSOCIATION_KEY_UNKNOWN_COMPONENT, "@AssociationKey(\"quantity\") on class Checkout, as handler"
                + " on(Opened) takes it, must name a String component of event Opened",
            checkout(CHECKOUT + "\n@AssociationKey(\"quantity\")", ON_OPENED), "@AssociationKey(\"quantity\")"),
        pm(Diagnostic.ASSOCIATION_KEY_OUTSIDE_PROCESS_MANAGER, "@AssociationKey on method on() has no effect: it says which"
                + " process manager instance an event belongs to, so it belongs on a @ProcessManager class or on one of its"
                + " @EventHandler methods, and method on() is neither. In a projection, name the view key with @ViewKey.",
            summaryProjection("@Projection(name = \"summary\")",
                "  @EventHandler @AssociationKey(\"id\")\n  Summary on(Opened e) { return null; }"), "@AssociationKey(\"id\")",
            SUMMARY),
        pm(Diagnostic.ASSOCIATION_KEY_OUTSIDE_PROCESS_MANAGER, "@AssociationKey on class Other has no effect",
            source("test.Other", "@AssociationKey(\"id\")\npublic class Other {}"), "@AssociationKey(\"id\")"),
        pm(Diagnostic.ASSOCIATION_KEY_OUTSIDE_PROCESS_MANAGER, "@AssociationKey on method helper() has no effect",
            checkout(CHECKOUT, ON_OPENED + "\n  @AssociationKey(\"id\")\n  void helper() {}"), "@AssociationKey(\"id\")"),
        pm(Diagnostic.VIEW_KEY_IN_PROCESS_MANAGER, "@ViewKey on method on() has no effect in process manager Checkout,"
                + " whose instances are found by their association key. Use @AssociationKey(\"id\").",
            checkout(CHECKOUT, "  @EventHandler @ViewKey(\"id\")\n  ProcessStep<Flow> on(Opened e) { return null; }"),
            "@ViewKey(\"id\")"),
        pm(Diagnostic.HANDLER_OUTSIDE_PROCESS_MANAGER, "@RejectionHandler method rejected() must be declared in a class"
                + " annotated @ProcessManager; Other is not",
            source("test.Other", "public class Other {\n"
                + "  @RejectionHandler ProcessStep<Flow> rejected(Add c, DomainException r, Flow f) { return null; }\n}"),
            "ProcessStep<Flow> rejected("),
        pm(Diagnostic.HANDLER_STATIC, "@RejectionHandler method rejected() must be an instance method",
            checkout(CHECKOUT, ON_OPENED
                + "\n  @RejectionHandler static ProcessStep<Flow> rejected(Add c, DomainException r, Flow f) { return null; }"),
            "static ProcessStep<Flow> rejected("),
        pm(Diagnostic.REJECTION_HANDLER_PARAMETERS, "@RejectionHandler method rejected() must take the command the process"
                + " manager sent, the DomainException that rejected it and the instance's state, e.g. rejected(Add command,"
                + " DomainException rejection, Flow state); found (test.Add, test.Flow)",
            checkout(CHECKOUT, ON_OPENED + "\n  @RejectionHandler ProcessStep<Flow> rejected(Add c,\n      Flow f) { return null; }"),
            "Flow f)"),
        pm(Diagnostic.REJECTION_HANDLER_PARAMETERS, "e.g. rejected(Add command, DomainException rejection, Flow state);"
                + " found (dev.sourced.api.DomainException, test.Add, test.Flow)",
            checkout(CHECKOUT, ON_OPENED + "\n  @RejectionHandler ProcessStep<Flow> rejected(DomainException r,\n"
                + "      Add c, Flow f) { return null; }"),
            "ProcessStep<Flow> rejected(DomainException r,"),
        pm(Diagnostic.REJECTION_HANDLER_PARAMETERS, "found (test.Add, dev.sourced.api.DomainException)",
            checkout(CHECKOUT, ON_OPENED + "\n  @RejectionHandler ProcessStep<Flow> rejected(Add c, DomainException r) { return null; }"),
            "ProcessStep<Flow> rejected("),
        pm(Diagnostic.HANDLER_OUTSIDE_PROCESS_MANAGER, "@DeadlineHandler method expired() must be declared in a class"
                + " annotated @ProcessManager; Other is not",
            source("test.Other", "public class Other {\n"
                + "  @DeadlineHandler(\"expiry\") ProcessStep<Flow> expired(Flow f) { return null; }\n}"),
            "ProcessStep<Flow> expired("),
        pm(Diagnostic.DEADLINE_HANDLER_PARAMETERS, "@DeadlineHandler method expired() must take exactly the instance's"
                + " state, e.g. expired(Flow state); found (test.Flow, dev.sourced.api.EventMetadata)",
            checkout(CHECKOUT, ON_OPENED
                + "\n  @DeadlineHandler(\"expiry\") ProcessStep<Flow> expired(Flow f, EventMetadata m) { return null; }"),
            "Flow f, EventMetadata m"),
        pm(Diagnostic.DUPLICATE_DEADLINE_HANDLER, "Checkout has two @DeadlineHandler methods for deadline 'expiry':"
                + " expired() and again()",
            checkout(CHECKOUT, ON_OPENED
                + "\n  @DeadlineHandler(\"expiry\") ProcessStep<Flow> expired(Flow f) { return null; }"
                + "\n  @DeadlineHandler(\"expiry\") ProcessStep<Flow> again(Flow f) { return null; }"),
            "\"expiry\") ProcessStep<Flow> again("),
        pm(Diagnostic.INVALID_DEADLINE_NAME, "@DeadlineHandler(\"Expiry Time\") on expired(): a deadline's name must be"
                + " lower-case kebab case of at most 40 characters, as ProcessStep.schedule requires; e.g. \"expiry-time\"",
            checkout(CHECKOUT, ON_OPENED
                + "\n  @DeadlineHandler(\"Expiry Time\") ProcessStep<Flow> expired(Flow f) { return null; }"),
            "\"Expiry Time\""),
        pm(Diagnostic.DUPLICATE_REJECTION_HANDLER, "Checkout has two @RejectionHandler methods for command Add: rejected()"
                + " and again()",
            checkout(CHECKOUT, ON_OPENED
                + "\n  @RejectionHandler ProcessStep<Flow> rejected(Add c, DomainException r, Flow f) { return null; }"
                + "\n  @RejectionHandler ProcessStep<Flow> again(Add c, DomainException r, Flow f) { return null; }"),
            "ProcessStep<Flow> again("),
        pm(Diagnostic.REJECTION_HANDLER_COMMAND_NOT_SENT, "@RejectionHandler method rejected() takes rejections of Open,"
                + " which process manager checkout does not send (it sends: Add), so it would never run. Add Open.class",
            checkout(CHECKOUT, ON_OPENED
                + "\n  @RejectionHandler ProcessStep<Flow> rejected(Open c, DomainException r, Flow f) { return null; }"),
            "ProcessStep<Flow> rejected("),
        pm(Diagnostic.UNHANDLED_DEADLINE, "ProcessStep.schedule(\"expirey\") in Checkout: process manager checkout has no"
                + " @DeadlineHandler(\"expirey\") (its deadlines: expiry), so the step would fail each time it runs. Correct"
                + " the name, or add a @DeadlineHandler for it.",
            checkout(CHECKOUT, "  @EventHandler ProcessStep<Flow> on(Opened e) {\n    return ProcessStep.of(new Flow(e.id(), 0))\n"
                + "        .schedule(\"expirey\", java.time.Duration.ofMinutes(5));\n  }"
                + "\n  @DeadlineHandler(\"expiry\") ProcessStep<Flow> expired(Flow f) { return ProcessStep.end(); }"),
            ".schedule(\"expirey\""),
        pm(Diagnostic.UNHANDLED_DEADLINE, "ProcessStep.schedule(\"expiry-time\") in Checkout: process manager checkout has"
                + " no @DeadlineHandler(\"expiry-time\") (its deadlines: none), so the step would fail each time it runs",
            checkout(CHECKOUT, "  static final String EXPIRY = \"expiry-\" + \"time\";\n"
                + "  @EventHandler ProcessStep<Flow> on(Opened e) {\n    return ProcessStep.of(new Flow(e.id(), 0))\n"
                + "        .schedule(EXPIRY, java.time.Duration.ofMinutes(5));\n  }"),
            ".schedule(EXPIRY"),
        pm(Diagnostic.UNHANDLED_DEADLINE, "ProcessStep.schedule(\"expiry-timeot\") in Checkout",
            checkout(CHECKOUT, "  static final String PREFIX = \"expiry-\";\n"
                + "  @EventHandler ProcessStep<Flow> on(Opened e) {\n    return ProcessStep.of(new Flow(e.id(), 0))\n"
                + "        .schedule((PREFIX + (\"timeot\")), java.time.Duration.ofMinutes(5));\n  }"
                + "\n  @DeadlineHandler(\"expiry-timeout\") ProcessStep<Flow> expired(Flow f) { return ProcessStep.end(); }"),
            ".schedule((PREFIX"),
        pm(Diagnostic.COMMAND_NOT_IN_SENDS, "ProcessStep.send(Open) in Checkout: process manager checkout does not list Open"
                + " in @ProcessManager(sends = ...) (it lists: Add), so the step would fail each time it runs. Add Open.class"
                + " to sends.",
            checkout(CHECKOUT, "  @EventHandler ProcessStep<Flow> on(Opened e) {\n    return ProcessStep.of(new Flow(e.id(), 0))\n"
                + "        .send(new Add(e.id(), \"sku\"))\n        .send(new Open(e.id()));\n  }"),
            ".send(new Open("),
        pm(Diagnostic.SENT_COMMAND_NOT_HANDLED, "@ProcessManager Checkout sends Close, but no @CommandHandler in the"
                + " application handles it",
            checkout("@ProcessManager(name = \"checkout\", sends = {Add.class,\n    Close.class})", ON_OPENED), "Close.class})",
            source("test.Close", "public record Close(@AggregateId String id) {}")),
        pm(Diagnostic.INTERNAL_COMMAND_WITH_ROUTE, "@CommandHandler method close() is internal, so no HTTP route reaches it,"
                + " but it declares route 'POST /carts/{id}/close'",
            cart("  @CommandHandler(internal = true,\n      route = \"POST /carts/{id}/close\") Closed close(Close c) { return null; }"
                + "\n  @EventSourcingHandler void on(Closed e) {}"),
            "route = \"POST /carts/{id}/close\"", source("test.Close", "public record Close(@AggregateId String id) {}"),
            source("test.Closed", "public record Closed(String id) {}")),
        pm(Diagnostic.INTERNAL_COMMAND_NOT_SENT, "@CommandHandler(internal = true) method close() handles Close, which no"
                + " @ProcessManager lists in its sends: an internal command nobody sends is dead code and an unreachable API",
            cart("  @CommandHandler(internal = true)\n  Closed close(Close c) { return null; }"
                + "\n  @EventSourcingHandler void on(Closed e) {}"),
            "@CommandHandler(internal = true)", source("test.Close", "public record Close(@AggregateId String id) {}"),
            source("test.Closed", "public record Closed(String id) {}"), checkout(CHECKOUT, ON_OPENED)),
        pm(Diagnostic.OUTDATED_EVENT_REVISION, "on() uses OpenedV1, revision 1 of event 'Opened', but the newest revision"
                + " is 2 (Opened)",
            checkout(CHECKOUT, "  @EventHandler ProcessStep<Flow> on(OpenedV1 e) { return null; }"), "ProcessStep<Flow> on(",
            source("test.Opened", "@Event(name = \"Opened\", revision = 2)\npublic record Opened(String id) {}"),
            source("test.OpenedV1", "@Event(name = \"Opened\", revision = 1)\npublic record OpenedV1(String id) {\n"
                + "  @Upcaster static Opened up(OpenedV1 old) { return new Opened(old.id()); }\n}")));
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
  void stepCallsTheCompilerCanCheck_compileWhenRight_andOthersAreLeftToTheRuntime() {
    JavaFileObject checkout = checkout(CHECKOUT, String.join("\n",
        "  static final String EXPIRY = \"expiry\";",
        "  String later = \"reminder\";",
        "  @EventHandler ProcessStep<Flow> on(Opened e) {",
        "    Record command = new Add(e.id(), \"sku\");",
        "    return ProcessStep.of(new Flow(e.id(), 0))",
        "        .send(new Add(e.id(), \"sku\"))",
        "        .send(command)", // a Record: its class is known when it runs
        "        .schedule(EXPIRY, java.time.Duration.ofMinutes(5))",
        "        .schedule(later, java.time.Duration.ofMinutes(5))", // not a constant: checked when it runs
        "        .cancel(\"expiry\");",
        "  }",
        "  @DeadlineHandler(\"expiry\") ProcessStep<Flow> expired(Flow f) {",
        "    return new Object() {", // an anonymous class in the process manager is its code too
        "      ProcessStep<Flow> step() { return ProcessStep.of(f).schedule(\"expiry\", java.time.Duration.ofMinutes(1)); }",
        "    }.step();",
        "  }",
        "  void schedule(String name, java.time.Duration delay) {}", // not ProcessStep's
        "  void helper() { schedule(\"anything\", java.time.Duration.ZERO); }"));

    Compilation compilation = Compile.compile(List.of(OPEN, OPENED, ADD, ADDED, FLOW, cart(""), checkout));

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void aCancelOfADeadlineNoHandlerHandles_warns_forItMayCleanUpAfterARemovedHandler() {
    JavaFileObject checkout = checkout(CHECKOUT, "  @EventHandler ProcessStep<Flow> on(Opened e) {\n"
        + "    return ProcessStep.of(new Flow(e.id(), 0))\n        .cancel(\"old-reminder\");\n  }");

    Compilation compilation = Compile.compile(List.of(OPEN, OPENED, ADD, ADDED, FLOW, cart(""), checkout));

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[CancelOfUnhandledDeadline] ProcessStep.cancel(\"old-reminder\") in"
            + " Checkout: process manager checkout has no @DeadlineHandler(\"old-reminder\") (its deadlines: none)")
        .inFile(checkout).onLineContaining(".cancel(\"old-reminder\")");
  }

  @Test
  void anAnonymousClassInAProcessManager_isCheckedToo() {
    JavaFileObject checkout = checkout(CHECKOUT, ON_OPENED + "\n"
        + "  @DeadlineHandler(\"expiry\") ProcessStep<Flow> expired(Flow f) {\n"
        + "    return new Object() {\n"
        + "      ProcessStep<Flow> step() { return ProcessStep.of(f)\n          .schedule(\"expiry-\", java.time.Duration.ofMinutes(1)); }\n"
        + "    }.step();\n"
        + "  }");

    Compilation compilation = Compile.compile(List.of(OPEN, OPENED, ADD, ADDED, FLOW, cart(""), checkout));

    assertThat(compilation).hadErrorContaining("[UnhandledDeadline] ProcessStep.schedule(\"expiry-\") in Checkout")
        .inFile(checkout).onLineContaining(".schedule(\"expiry-\"");
    assertThat(compilation).hadErrorCount(1);
  }

  /** Decorates javac's environment as Gradle's incremental processing does: the one it wraps is in a field {@code delegate}. */
  static final class GradleLikeEnvironment implements ProcessingEnvironment {
    private final ProcessingEnvironment delegate;

    GradleLikeEnvironment(ProcessingEnvironment delegate) {
      this.delegate = delegate;
    }

    @Override public Map<String, String> getOptions() { return delegate.getOptions(); }
    @Override public Messager getMessager() { return delegate.getMessager(); }
    @Override public Filer getFiler() { return delegate.getFiler(); }
    @Override public Elements getElementUtils() { return delegate.getElementUtils(); }
    @Override public Types getTypeUtils() { return delegate.getTypeUtils(); }
    @Override public SourceVersion getSourceVersion() { return delegate.getSourceVersion(); }
    @Override public Locale getLocale() { return delegate.getLocale(); }
  }

  @Test
  void behindAWrapperOfJavacsEnvironment_asGradlesIncrementalProcessing_stepsAreCheckedToo() {
    JavaFileObject checkout = checkout(CHECKOUT, "  @EventHandler ProcessStep<Flow> on(Opened e) {\n"
        + "    return ProcessStep.of(new Flow(e.id(), 0))\n        .schedule(\"expiry\", java.time.Duration.ofMinutes(5));\n  }");
    SourcedProcessor sourced = new SourcedProcessor();
    Processor wrapped = new AbstractProcessor() {
      @Override
      public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        sourced.init(new GradleLikeEnvironment(env));
      }

      @Override
      public Set<String> getSupportedAnnotationTypes() {
        return sourced.getSupportedAnnotationTypes();
      }

      @Override
      public Set<String> getSupportedOptions() {
        return sourced.getSupportedOptions();
      }

      @Override
      public SourceVersion getSupportedSourceVersion() {
        return sourced.getSupportedSourceVersion();
      }

      @Override
      public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return sourced.process(annotations, round);
      }
    };

    Compilation compilation = com.google.testing.compile.Compiler.javac().withProcessors(wrapped)
        .withOptions("-Asourced.app=test-app").compile(OPEN, OPENED, ADD, ADDED, FLOW, cart(""), checkout);

    assertThat(compilation).hadErrorContaining("[UnhandledDeadline] ProcessStep.schedule(\"expiry\") in Checkout")
        .inFile(checkout).onLineContaining(".schedule(\"expiry\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void theProgramTheCasesStartFrom_compilesWithoutWarnings() {
    Compilation compilation = Compile.compile(List.of(OPEN, OPENED, ADD, ADDED, FLOW, cart(""),
        checkout(CHECKOUT, ON_OPENED + "\n" + ON_ADDED
            + "\n  @RejectionHandler ProcessStep<Flow> rejected(Add c, DomainException r, Flow f) { return ProcessStep.end(); }")));

    assertThat(compilation).succeededWithoutWarnings();
  }
}
