package dev.sourced.processor.validation;

import javax.tools.Diagnostic.Kind;

/**
 * The catalogue of everything the processor reports. Each entry has a stable tag (printed in brackets
 * at the start of the message, so builds and docs can refer to it), a kind and a message format that
 * states the rule, the value found and the fix. docs/diagnostics.md shows each with a wrong and a right
 * example; {@code DiagnosticsTest} proves each one fires on the right file and line.
 */
public enum Diagnostic {
  MISSING_APP_NAME(
      "MissingAppName",
      "the application has no name: pass it to the compiler as -Asourced.app=<name>, lower-case kebab case of at"
          + " most 40 characters (e.g. -Asourced.app=%s). It is the EventBridge source and the prefix of every AWS"
          + " resource, so it is never derived from package names. With Maven: <compilerArgs><arg>-Asourced.app=%s"
          + "</arg></compilerArgs> in maven-compiler-plugin's configuration."),
  INVALID_APP_NAME(
      "InvalidAppName",
      "-Asourced.app must be lower-case kebab case of at most 40 characters ([a-z][a-z0-9]*(-[a-z0-9]+)*) because"
          + " it becomes part of AWS resource names; found '%s'. Use e.g. '%s'."),
  TYPE_NOT_ACCESSIBLE(
      "TypeNotAccessible",
      "%s class %s must be public, non-abstract, not generic, and top-level or a static member of a public"
          + " class so generated code can instantiate it; found %s. Make it a public top-level class."),
  NO_ACCESSIBLE_CONSTRUCTOR(
      "NoAccessibleConstructor",
      "%s class %s needs a non-private constructor without parameters, which generated code calls; found"
          + " none. Add e.g. 'public %s() {}'."),
  INVALID_AGGREGATE_NAME(
      "InvalidAggregateName",
      "@Aggregate name must be lower-case kebab case of at most 40 characters ([a-z][a-z0-9]*(-[a-z0-9]+)*)"
          + " so it can be part of stream ids, routes and AWS resource names; found '%s'. Use e.g. '%s'."),
  RESERVED_AGGREGATE_NAME(
      "ReservedAggregateName",
      "@Aggregate name '%s' is reserved: the events table keeps its own records under the prefixes 'idempotency#',"
          + " 'unique#' and 'unique-owner#', which an aggregate's stream ids and least-privilege keys would share. Name it"
          + " e.g. '%s-record'."),
  NEGATIVE_SNAPSHOT_EVERY(
      "NegativeSnapshotEvery",
      "@Aggregate snapshotEvery must be 0 (no snapshots) or positive; found %d."),
  NEGATIVE_CACHED_STREAMS(
      "NegativeCachedStreams",
      "@Aggregate cachedStreams must be 0 (keep no aggregates between commands) or positive; found %d."),
  SNAPSHOT_STATE_MISSING(
      "SnapshotStateMissing",
      "@Aggregate(snapshotEvery = %d) on %s needs its state as a record to store snapshots: implement"
          + " dev.sourced.api.Snapshotting<S> with S a public record; found %s. Add e.g. 'implements"
          + " Snapshotting<%sState>', or remove snapshotEvery."),
  NO_CREATION_HANDLER(
      "NoCreationHandler",
      "@Aggregate %s has no creation handler: the @CommandHandler that starts a stream must be static;"
          + " found %s. Make the handler of the creating command static, e.g. 'static CartOpened"
          + " open(OpenCart command)'."),
  CREATION_HANDLER_WITHOUT_EVENTS(
      "CreationHandlerWithoutEvents",
      "static @CommandHandler %s() is a creation handler and must return the event(s) that start the"
          + " stream; found void. Return an event record, or make the handler an instance method if it does"
          + " not create the aggregate."),
  HANDLER_OUTSIDE_AGGREGATE(
      "HandlerOutsideAggregate",
      "@%s method %s() must be declared in a class annotated @Aggregate; %s is not. Move the method or"
          + " annotate the class."),
  HANDLER_OUTSIDE_PROJECTION(
      "HandlerOutsideProjection",
      "@EventHandler method %s() must be declared in a class annotated @Projection or @ProcessManager; %s is"
          + " not. Move the method or annotate the class."),
  HANDLER_OUTSIDE_PROCESS_MANAGER(
      "HandlerOutsideProcessManager",
      "@%s method %s() must be declared in a class annotated @ProcessManager; %s is not: only a process manager's"
          + " commands come back when rejected, and only its instances have deadlines. Move the method or annotate the"
          + " class."),
  HANDLER_PRIVATE(
      "HandlerPrivate",
      "@%s method %s() must not be private: generated code calls it directly. Make it package-private or"
          + " public."),
  HANDLER_STATIC(
      "HandlerStatic",
      "@%s method %s() must be an instance method; found static. Remove 'static'."),
  HANDLER_NO_PARAMETERS(
      "HandlerNoParameters",
      "@%s method %s() must take the %s record as its first parameter; found no parameters. Add a record"
          + " parameter, e.g. %s(%s)."),
  HANDLER_PARAMETER_NOT_RECORD(
      "HandlerParameterNotRecord",
      "@%s method %s() must take the %s as its first parameter, and %ss are records; found %s. Declare it"
          + " as a record, e.g. 'public record %s(...)'."),
  HANDLER_EXTRA_PARAMETERS(
      "HandlerExtraParameters",
      "@%s method %s() takes %s; found an unexpected parameter of type %s. Remove it."),
  HANDLER_THROWS_CHECKED(
      "HandlerThrowsChecked",
      "@%s method %s() must not declare checked exceptions; found %s. Throw DomainException (or another"
          + " unchecked exception) instead."),
  COMMAND_CONTEXT_OUTSIDE_COMMAND_HANDLER(
      "CommandContextOutsideCommandHandler",
      "@%s method %s() takes a CommandContext, which only a @CommandHandler may take: it says who sent the"
          + " command being handled. Remove the parameter%s."),
  COMMAND_CONTEXT_REPEATED(
      "CommandContextRepeated",
      "@CommandHandler method %s() takes CommandContext %d times; it may take it once, as its last parameter."
          + " Remove the extra one."),
  COMMAND_CONTEXT_NOT_LAST(
      "CommandContextNotLast",
      "@CommandHandler method %s() takes CommandContext as parameter %d of %d; it must come last, after the"
          + " command. Declare e.g. %s(%s command, CommandContext context)."),
  INVALID_CLAIMS(
      "InvalidClaims",
      "@CommandHandler(claims = ...) of %s() must name at most %d distinct JWT claims of 1 to %d characters;"
          + " found %s. Fix the list, e.g. claims = {\"email\"}."),
  CLAIMS_WITHOUT_COMMAND_CONTEXT(
      "ClaimsWithoutCommandContext",
      "@CommandHandler method %s() asks for claims %s but takes no CommandContext, so it could never read"
          + " them. Add a last parameter 'CommandContext context', or remove claims."),
  RECORD_NOT_ACCESSIBLE(
      "RecordNotAccessible",
      "%s record %s must be public, not generic, and top-level or nested in public types so generated"
          + " code and serializers can reach it; found %s. Make it a public record without type"
          + " parameters."),
  MISSING_AGGREGATE_ID(
      "MissingAggregateId",
      "command record %s must mark the component that identifies the aggregate with @AggregateId; found"
          + " none among (%s). Annotate one, e.g. 'record %s(@AggregateId String id, ...)'."),
  MULTIPLE_AGGREGATE_IDS(
      "MultipleAggregateIds",
      "command record %s must have exactly one @AggregateId component; found %s. Keep one."),
  AGGREGATE_ID_NOT_STRING(
      "AggregateIdNotString",
      "@AggregateId component %s of %s must be a String; found %s. Declare it as String."),
  DUPLICATE_COMMAND_HANDLER(
      "DuplicateCommandHandler",
      "command %s has two @CommandHandler methods: %s and %s; a command must have exactly one handler in"
          + " the application. Remove one."),
  INTERNAL_COMMAND_WITH_ROUTE(
      "InternalCommandWithRoute",
      "@CommandHandler method %s() is internal, so no HTTP route reaches it, but it declares route '%s'. Remove"
          + " the route, or remove internal = true to make the command public."),
  INTERNAL_COMMAND_NOT_SENT(
      "InternalCommandNotSent",
      "@CommandHandler(internal = true) method %s() handles %s, which no @ProcessManager lists in its sends: an"
          + " internal command nobody sends is dead code and an unreachable API. List %s.class in a process"
          + " manager's @ProcessManager(sends = ...), or remove internal = true to give it a route."),
  COMMAND_HANDLER_RETURN_TYPE(
      "CommandHandlerReturnType",
      "@CommandHandler method %s() must return an event record, a sealed interface whose permitted"
          + " subtypes are event records, a List of either, or void; found %s."),
  EVENT_SOURCING_HANDLER_RETURNS_VALUE(
      "EventSourcingHandlerReturnsValue",
      "@EventSourcingHandler method %s() must return void: it changes the aggregate's state and its result"
          + " would be lost; found %s. Return void."),
  DUPLICATE_EVENT_HANDLER(
      "DuplicateEventHandler",
      "%s has two @%s methods for event %s: %s() and %s(). Keep one."),
  EVENT_NOT_RECORD(
      "EventNotRecord",
      "@Event type %s must be a record (events are immutable data); found %s. Declare it as 'public record"
          + " %s(...)'."),
  INVALID_EVENT_NAME(
      "InvalidEventName",
      "@Event on %s needs a name of 1 to 128 letters, digits, '.', '_' or '-' and a revision of 1 or more;"
          + " found name '%s', revision %d."),
  DUPLICATE_EVENT_NAME(
      "DuplicateEventName",
      "event name '%s' revision %d is declared by both %s and %s; each (name, revision) must be unique."
          + " Rename one with @Event(name = ...) or give it another revision."),
  MISSING_UPCASTER(
      "MissingUpcaster",
      "event '%s' is at revision %d, so stored events of revision %d must be upcast, but no @Upcaster"
          + " turns revision %d into %d. Keep the old shape as a record @Event(name = \"%s\", revision = %d)"
          + " with a static @Upcaster method returning the next revision."),
  INVALID_UPCASTER(
      "InvalidUpcaster",
      "@Upcaster method %s() must be static, take one event record and return the same event at the next"
          + " revision; %s."),
  DUPLICATE_UPCASTER(
      "DuplicateUpcaster",
      "event '%s' revision %d has two @Upcaster methods: %s and %s. Keep one."),
  OUTDATED_EVENT_REVISION(
      "OutdatedEventRevision",
      "%s() uses %s, revision %d of event '%s', but the newest revision is %d (%s); stored events are"
          + " upcast on read, so handlers only see and produce the newest. Use %s."),
  INVALID_PROJECTION_NAME(
      "InvalidProjectionName",
      "@Projection name must be lower-case kebab case of at most 40 characters ([a-z][a-z0-9]*(-[a-z0-9]+)*)"
          + " because it becomes part of AWS resource names and routes; found '%s'. Use e.g. '%s'."),
  INVALID_PROJECTION_VERSION(
      "InvalidProjectionVersion",
      "@Projection version must be 1 or more; found %d."),
  DUPLICATE_PROJECTION_NAME(
      "DuplicateProjectionName",
      "projection name '%s' is used by both %s and %s; names must be unique in the application. Rename"
          + " one."),
  EVENT_HANDLER_STATE_MISMATCH(
      "EventHandlerStateMismatch",
      "@EventHandler method %s() folds a view, so its state parameter must be of its return type %s;"
          + " found %s. Make both the view record type."),
  EVENT_HANDLER_RETURN_TYPE(
      "EventHandlerReturnType",
      "@EventHandler method %s() must return a view record or void (a reactor); found %s."),
  MIXED_VIEW_TYPES(
      "MixedViewTypes",
      "projection %s keeps one kind of view, but its handlers return both %s and %s. Use one view record"
          + " type per projection, or split it into two projections."),
  VIEW_KEY_UNKNOWN_COMPONENT(
      "ViewKeyUnknownComponent",
      "@ViewKey(\"%s\") on %s must name a String component of event %s; found %s. Use one of: %s."),
  INVALID_PROCESS_MANAGER_NAME(
      "InvalidProcessManagerName",
      "@ProcessManager name must be lower-case kebab case of at most 40 characters"
          + " ([a-z][a-z0-9]*(-[a-z0-9]+)*) because it becomes part of AWS resource names; found '%s'. Use e.g."
          + " '%s'."),
  DUPLICATE_PROCESS_MANAGER_NAME(
      "DuplicateProcessManagerName",
      "process manager name '%s' of %s is also the name of %s %s; projections and process managers name their"
          + " queues, rules, tables and functions, so their names must be unique together. Rename one."),
  GENERATED_NAME_CLASH(
      "GeneratedNameClash",
      "%s %s and %s %s would both generate a class named %s in package %s (generated classes are named after the class"
          + " they serve, nested names joined with '_', a trailing 'Projection' or 'Process' not said twice). Rename one of"
          + " them."),
  HANDLER_NAME_TOO_LONG(
      "HandlerNameTooLong",
      "the Lambda handler of %s %s would be %d characters long (%s); AWS Lambda allows at most %d, and the stack would"
          + " fail only when deployed. Shorten its package or class name."),
  PROCESS_MANAGER_WITHOUT_HANDLERS(
      "ProcessManagerWithoutHandlers",
      "@ProcessManager %s has no @EventHandler method, so no event would ever start or move one of its"
          + " instances. Add e.g. '@EventHandler ProcessStep<State> on(SomeEvent event)'."),
  PROCESS_STEP_RETURN_TYPE(
      "ProcessStepReturnType",
      "@%s method %s() of a process manager must return ProcessStep<S>, with S the process manager's state"
          + " record; found %s. Return e.g. ProcessStep.of(state).send(command)."),
  PROCESS_STATE_NOT_RECORD(
      "ProcessStateNotRecord",
      "@%s method %s() returns ProcessStep<%s>, but a process manager's state must be a record: it is stored as"
          + " JSON between events; found %s. Declare the state as a record, e.g. 'public record %s(...)'."),
  MIXED_PROCESS_STATES(
      "MixedProcessStates",
      "process manager %s keeps one state record per instance, but its handlers return ProcessStep of both %s"
          + " and %s. Use one state record in every handler."),
  PROCESS_STATE_MISMATCH(
      "ProcessStateMismatch",
      "@%s method %s() takes the instance's state, which must be of the state record %s its ProcessStep"
          + " carries; found %s. Make both the state record type."),
  ASSOCIATION_KEY_UNKNOWN_COMPONENT(
      "AssociationKeyUnknownComponent",
      "@AssociationKey(\"%s\") on %s must name a String component of event %s; found %s. Use one of: %s; or"
          + " remove it to use the event's aggregate id."),
  ASSOCIATION_KEY_OUTSIDE_PROCESS_MANAGER(
      "AssociationKeyOutsideProcessManager",
      "@AssociationKey on %s has no effect: it says which process manager instance an event belongs to, so it"
          + " belongs on a @ProcessManager class or on one of its @EventHandler methods, and %s is neither. %s"),
  VIEW_KEY_IN_PROCESS_MANAGER(
      "ViewKeyInProcessManager",
      "@ViewKey on %s has no effect in process manager %s, whose instances are found by their association key."
          + " Use @AssociationKey(\"%s\")."),
  REJECTION_HANDLER_PARAMETERS(
      "RejectionHandlerParameters",
      "@RejectionHandler method %s() must take the command the process manager sent, the DomainException that"
          + " rejected it and the instance's state, e.g. %s(%s command, DomainException rejection, %s state);"
          + " found (%s)."),
  DUPLICATE_REJECTION_HANDLER(
      "DuplicateRejectionHandler",
      "%s has two @RejectionHandler methods for command %s: %s() and %s(). Keep one."),
  REJECTION_HANDLER_COMMAND_NOT_SENT(
      "RejectionHandlerCommandNotSent",
      "@RejectionHandler method %s() takes rejections of %s, which process manager %s does not send (it sends:"
          + " %s), so it would never run. Add %s.class to @ProcessManager(sends = ...), or remove the handler."),
  DEADLINE_HANDLER_PARAMETERS(
      "DeadlineHandlerParameters",
      "@DeadlineHandler method %s() must take exactly the instance's state, e.g. %s(%s state); found (%s)."),
  DUPLICATE_DEADLINE_HANDLER(
      "DuplicateDeadlineHandler",
      "%s has two @DeadlineHandler methods for deadline '%s': %s() and %s(). Keep one."),
  INVALID_DEADLINE_NAME(
      "InvalidDeadlineName",
      "@DeadlineHandler(\"%s\") on %s(): a deadline's name must be lower-case kebab case of at most 40 characters,"
          + " as ProcessStep.schedule requires; e.g. \"%s\"."),
  SENT_COMMAND_NOT_HANDLED(
      "SentCommandNotHandled",
      "@ProcessManager %s sends %s, but no @CommandHandler in the application handles it, so sending it would"
          + " always fail. Add a @CommandHandler for it to an aggregate, or remove it from sends."),
  UNHANDLED_DEADLINE(
      "UnhandledDeadline",
      "ProcessStep.schedule(\"%s\") in %s: process manager %s has no @DeadlineHandler(\"%s\") (its deadlines: %s), so"
          + " the step would fail each time it runs. Correct the name, or add a @DeadlineHandler for it."),
  CANCEL_OF_UNHANDLED_DEADLINE(
      "CancelOfUnhandledDeadline",
      javax.tools.Diagnostic.Kind.WARNING,
      "ProcessStep.cancel(\"%s\") in %s: process manager %s has no @DeadlineHandler(\"%s\") (its deadlines: %s): no"
          + " step can set such a deadline now, and one set before its handler was removed is dropped when due. Fine when"
          + " cleaning up after a removed handler; otherwise the name is most likely misspelt."),
  COMMAND_NOT_IN_SENDS(
      "CommandNotInSends",
      "ProcessStep.send(%s) in %s: process manager %s does not list %s in @ProcessManager(sends = ...) (it lists: %s),"
          + " so the step would fail each time it runs. Add %s.class to sends."),
  QUERY_WITHOUT_VIEWS(
      "QueryWithoutViews",
      "@QueryHandler method %s() must take Views<V> as its second parameter, where V is a projection's"
          + " view type; found %s. Add e.g. 'Views<%s> views'."),
  QUERY_VIEW_NOT_PRODUCED(
      "QueryViewNotProduced",
      "@QueryHandler method %s() reads Views<%s>, but no @Projection produces %s views; projections"
          + " produce: %s. Read a projection's view type."),
  DUPLICATE_QUERY_HANDLER(
      "DuplicateQueryHandler",
      "query %s has two @QueryHandler methods: %s and %s. Keep one."),
  INVALID_ROUTE(
      "InvalidRoute",
      "route '%s' of %s() is invalid: %s. Write it as '<METHOD> /path/{component}', e.g. '%s'."),
  ROUTE_COLLISION(
      "RouteCollision",
      "route '%s' of %s() collides with route '%s' of %s(): both match the same requests. Give one an"
          + " explicit, distinct route."),
  UNSUPPORTED_COMPONENT_TYPE(
      "UnsupportedComponentType",
      "component %s of %s has type %s, which has no JSON mapping. Use String, a primitive or its box,"
          + " BigDecimal, BigInteger, Instant, LocalDate, UUID, an enum, a public record, or a List, Set,"
          + " Optional or Map<String, ...> of those."),
  UNIQUE_NOT_STRING(
      "UniqueNotString",
      "@Unique(\"%s\") component %s of %s must be a String: its value becomes part of a DynamoDB key and is compared"
          + " exactly as given; found %s. Declare it as String."),
  INVALID_UNIQUE_SCOPE(
      "InvalidUniqueScope",
      "@%s scope must be lower-case kebab case of at most 40 characters ([a-z][a-z0-9]*(-[a-z0-9]+)*) because it"
          + " becomes part of the keys of reservations; found '%s'. Use e.g. '%s'."),
  UNIQUE_SCOPE_REPEATED(
      "UniqueScopeRepeated",
      "%s %s names unique scope '%s' twice (%s and %s); a stream holds one value per scope. Remove one, or name"
          + " another scope."),
  UNIQUE_ON_NON_CREATION_COMMAND(
      "UniqueOnNonCreationCommand",
      "@Unique(\"%s\") on component %s of %s claims a value when a stream starts, but %s() handles %s for an existing"
          + " stream (it is not static). Claim the value in the creation command, and change it with an event"
          + " whose component is annotated @Unique(\"%s\") (or release it with @ReleasesUnique(\"%s\"))."),
  UNIQUE_SCOPE_NOT_CLAIMED(
      "UniqueScopeNotClaimed",
      "event %s %s the stream's unique '%s' value, but %s claims no value in scope '%s': none of its creation commands"
          + " has a component annotated @Unique(\"%s\"); %s. Fix the scope's name, or claim it in a creation"
          + " command."),
  UNIQUE_OUTSIDE_COMMAND_OR_EVENT(
      "UniqueOutsideCommandOrEvent",
      "@%s on %s has no effect: %s is neither the command of a @CommandHandler nor an event record. Unique values are"
          + " claimed by creation commands and moved or released by events; remove the annotation, or put it on the"
          + " command or event that carries the value."),
  EVENT_NOT_CONSUMED(
      "EventNotConsumed",
      javax.tools.Diagnostic.Kind.WARNING,
      "event '%s' (%s) is produced but no @EventSourcingHandler or @EventHandler consumes it. Fine if it"
          + " is for other services; otherwise add a handler.");

  private final String tag;
  private final Kind kind;
  private final String format;

  Diagnostic(String tag, String format) {
    this(tag, Kind.ERROR, format);
  }

  Diagnostic(String tag, Kind kind, String format) {
    this.tag = tag;
    this.kind = kind;
    this.format = format;
  }

  /** @return the stable tag printed in brackets */
  public String tag() {
    return tag;
  }

  /** @return ERROR or WARNING */
  public Kind kind() {
    return kind;
  }

  /**
   * @param args the values for the format
   * @return the full message, starting with the bracketed tag
   */
  public String format(Object... args) {
    return "[" + tag + "] " + String.format(format, args);
  }
}
