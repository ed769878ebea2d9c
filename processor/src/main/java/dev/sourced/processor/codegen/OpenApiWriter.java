package dev.sourced.processor.codegen;

import dev.sourced.processor.model.AggregateModel;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.CommandHandlerMethod;
import dev.sourced.processor.model.Component;
import dev.sourced.processor.model.QueryHandlerMethod;
import dev.sourced.processor.model.RecordShape;
import dev.sourced.processor.model.Route;
import dev.sourced.spi.SourcedApplication;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes {@code META-INF/sourced/openapi.json}: OpenAPI 3.1 for every command and query route, with the
 * JSON Schema of every command and query body and answer. Internal commands have no route, so no operation.
 */
public final class OpenApiWriter {
  public static final String PATH = SourcedApplication.OPENAPI_RESOURCE;
  private static final String ERROR = "Error";
  private static final String COMMAND_RESULT = "CommandResult";

  public void write(AppModel model, Output output) {
    JsonSchemas schemas = new JsonSchemas(model, "#/components/schemas/");
    Map<String, Object> root = Json.object();
    root.put("openapi", "3.1.0");
    Map<String, Object> info = Json.object();
    info.put("title", model.name());
    info.put("version", "1");
    info.put("description", "Commands and queries of the Sourced application '" + model.name() + "'.");
    root.put("info", info);

    Map<String, Map<String, Object>> paths = new TreeMap<>();
    for (AggregateModel aggregate : model.aggregates()) {
      for (CommandHandlerMethod handler : routed(aggregate)) {
        paths.computeIfAbsent(handler.route().path(), p -> Json.object())
            .put(handler.route().method().toLowerCase(java.util.Locale.ROOT), command(model, schemas, aggregate, handler));
      }
    }
    for (QueryHandlerMethod query : model.queries()) {
      paths.computeIfAbsent(query.route().path(), p -> Json.object())
          .put(query.route().method().toLowerCase(java.util.Locale.ROOT), query(model, schemas, query));
    }
    root.put("paths", paths);

    Map<String, Object> components = Json.object();
    Map<String, Object> all = new TreeMap<>(schemas.all());
    for (AggregateModel aggregate : model.aggregates()) {
      for (CommandHandlerMethod handler : routed(aggregate)) {
        // a path parameter may be left out of the body; when present it must agree with the path
        all.put(schemas.name(handler.command()),
            schemas.record(model.shape(handler.command()), new HashSet<>(handler.route().parameters())));
      }
    }
    all.put(COMMAND_RESULT, commandResult());
    all.put(ERROR, error());
    components.put("schemas", all);
    root.put("components", components);
    output.resource(PATH, Json.write(root), RegistryWriter.originating(model));
  }

  /** @return the commands with a route: internal ones are sent only by process managers, in-process */
  private static List<CommandHandlerMethod> routed(AggregateModel aggregate) {
    return aggregate.commandHandlers().stream().filter(h -> !h.internal()).toList();
  }

  private Map<String, Object> command(AppModel model, JsonSchemas schemas, AggregateModel aggregate, CommandHandlerMethod handler) {
    Map<String, Object> operation = Json.object();
    operation.put("operationId", aggregate.name() + "." + handler.name());
    operation.put("tags", List.of(aggregate.name()));
    operation.put("summary", (handler.creation() ? "Creates a " : "Sends ") + handler.command().simpleName()
        + (handler.creation() ? " (starts the stream)" : "") + " to " + aggregate.name());
    List<Object> parameters = pathParameters(handler.route());
    Map<String, Object> idempotency = Json.object();
    idempotency.put("name", "Idempotency-Key");
    idempotency.put("in", "header");
    idempotency.put("required", false);
    idempotency.put("description", "Repeating a command with the same key returns the first result and appends nothing.");
    idempotency.put("schema", Json.object("type", "string", "maxLength", 128));
    parameters.add(idempotency);
    operation.put("parameters", parameters);
    Map<String, Object> body = Json.object();
    body.put("required", true);
    body.put("content", Json.object("application/json", Json.object("schema", schemas.ref(handler.command()))));
    operation.put("requestBody", body);
    Map<String, Object> responses = Json.object();
    responses.put(handler.creation() ? "201" : "200", response("Events appended", ref(COMMAND_RESULT)));
    responses.put("400", response("Malformed JSON, or a missing or mistyped field (its JSON path is in the message)", ref(ERROR)));
    responses.put("401", response("The caller's identity, as the API's authorizer passed it, cannot be recorded"
        + " (code invalid-caller): a principal or claim beyond the limits, or not valid text", ref(ERROR)));
    if (!handler.creation()) {
      responses.put("404", response("No " + aggregate.name() + " with this id", ref(ERROR)));
    }
    String conflict = handler.creation() ? "It exists already (code stream-exists)" : "Concurrent change; retry";
    Set<String> scopes = new TreeSet<>();
    handler.unique().forEach(value -> scopes.add(value.scope()));
    handler.events().forEach(type -> model.event(type).ifPresent(event -> event.uniqueMoves().forEach(m -> scopes.add(m.scope()))));
    if (!scopes.isEmpty()) {
      conflict = conflict + "; or another " + aggregate.name() + " holds the value of " + String.join(", ", scopes)
          + " (code unique-value-taken)";
    }
    responses.put("409", response(scopes.isEmpty() && handler.creation() ? "It exists already" : conflict, ref(ERROR)));
    responses.put("413", response("An event would exceed the event store's item size limit", ref(ERROR)));
    responses.put("422", response("A business rule rejected the command; see code", ref(ERROR)));
    responses.put("500", response("Internal error; see correlationId in the logs", ref(ERROR)));
    operation.put("responses", responses);
    return operation;
  }

  private Map<String, Object> query(AppModel model, JsonSchemas schemas, QueryHandlerMethod query) {
    Map<String, Object> operation = Json.object();
    operation.put("operationId", query.projection() + "." + query.name());
    operation.put("tags", List.of(query.projection()));
    operation.put("summary", "Reads " + query.projection() + " with " + query.query().simpleName());
    RecordShape shape = model.shape(query.query());
    List<Object> parameters = pathParameters(query.route());
    for (Component component : shape.components()) {
      if (!query.route().parameters().contains(component.name())) {
        Map<String, Object> parameter = Json.object();
        parameter.put("name", component.name());
        parameter.put("in", "query");
        parameter.put("required", component.required());
        parameter.put("schema", schemas.of(component.type()));
        parameters.add(parameter);
      }
    }
    operation.put("parameters", parameters);
    Map<String, Object> responses = Json.object();
    responses.put("200", response("The answer", schemas.of(query.result())));
    responses.put("400", response("A missing or mistyped parameter", ref(ERROR)));
    responses.put("404", response("No such view", ref(ERROR)));
    responses.put("500", response("Internal error; see correlationId in the logs", ref(ERROR)));
    operation.put("responses", responses);
    return operation;
  }

  private static List<Object> pathParameters(Route route) {
    List<Object> parameters = new ArrayList<>();
    for (String name : route.parameters()) {
      Map<String, Object> parameter = Json.object();
      parameter.put("name", name);
      parameter.put("in", "path");
      parameter.put("required", true);
      parameter.put("schema", Json.object("type", "string"));
      parameters.add(parameter);
    }
    return parameters;
  }

  private static Map<String, Object> response(String description, Map<String, Object> schema) {
    Map<String, Object> response = Json.object();
    response.put("description", description);
    response.put("content", Json.object("application/json", Json.object("schema", schema)));
    return response;
  }

  private static Map<String, Object> ref(String name) {
    return Json.object("$ref", "#/components/schemas/" + name);
  }

  private static Map<String, Object> commandResult() {
    Map<String, Object> event = Json.object();
    event.put("type", "object");
    Map<String, Object> eventProperties = Json.object();
    eventProperties.put("eventId", Json.object("type", "string"));
    eventProperties.put("type", Json.object("type", "string"));
    eventProperties.put("version", Json.object("type", "integer", "format", "int64"));
    event.put("properties", eventProperties);
    event.put("required", List.of("eventId", "type", "version"));
    Map<String, Object> result = Json.object();
    result.put("type", "object");
    Map<String, Object> properties = Json.object();
    properties.put("streamId", Json.object("type", "string"));
    properties.put("version", Json.object("type", "integer", "format", "int64"));
    properties.put("events", Json.object("type", "array", "items", event));
    result.put("properties", properties);
    result.put("required", List.of("streamId", "version", "events"));
    return result;
  }

  private static Map<String, Object> error() {
    Map<String, Object> error = Json.object();
    error.put("type", "object");
    Map<String, Object> properties = Json.object();
    properties.put("code", Json.object("type", "string"));
    properties.put("message", Json.object("type", "string"));
    properties.put("path", Json.object("type", "string", "description", "JSON path of the offending field, for 400"));
    properties.put("correlationId", Json.object("type", "string"));
    error.put("properties", properties);
    error.put("required", List.of("code", "message"));
    return error;
  }
}
