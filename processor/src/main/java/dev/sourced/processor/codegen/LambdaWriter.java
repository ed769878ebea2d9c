package dev.sourced.processor.codegen;

import static dev.sourced.processor.codegen.Sources.GENERATED;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.sourced.processor.model.AggregateModel;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.ProcessManagerModel;
import dev.sourced.processor.model.ProjectionModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the AWS Lambda entry points. Each is a thin class whose constructor builds the runtime
 * handler: Lambda instantiates the handler class once per container, during init, so SnapStart
 * snapshots it and warm invocations reuse its clients. The no-argument constructor (Lambda's) reads
 * the environment the CDK stack sets; the one taking a {@code SourcedConfig} lets the local cloud run
 * several functions of one application in one JVM, each with its own settings.
 */
public final class LambdaWriter {
  private static final String LAMBDA = "dev.sourced.runtime.lambda";
  private static final ClassName REQUEST_HANDLER = ClassName.get("com.amazonaws.services.lambda.runtime", "RequestHandler");
  private static final ClassName CONTEXT = ClassName.get("com.amazonaws.services.lambda.runtime", "Context");
  private static final ClassName HTTP_EVENT = ClassName.get("com.amazonaws.services.lambda.runtime.events", "APIGatewayV2HTTPEvent");
  private static final ClassName HTTP_RESPONSE = ClassName.get("com.amazonaws.services.lambda.runtime.events", "APIGatewayV2HTTPResponse");

  private static final ClassName CONFIG = ClassName.get(LAMBDA, "SourcedConfig");
  private static final ClassName SQS_EVENT = ClassName.get("com.amazonaws.services.lambda.runtime.events", "SQSEvent");
  private static final ClassName SQS_RESPONSE = ClassName.get("com.amazonaws.services.lambda.runtime.events", "SQSBatchResponse");

  /** Writes the SQS-driven Lambda that applies events to a projection. */
  public void writeProjection(AppModel model, ProjectionModel projection, Output output) {
    ClassName engine = ClassName.get("dev.sourced.runtime.projection", "ProjectionEngine");
    write(output, projection.type(), GeneratedNames.projectionLambda(projection),
        CodeBlock.of("AWS Lambda entry point of projection {@code $L} ({@link $T}): SQS batches of EventBridge events in,\n"
            + "partial batch failures out.\n", projection.name(), projection.type()),
        SQS_EVENT, SQS_RESPONSE, ParameterizedTypeName.get(engine, WildcardTypeName.subtypeOf(Object.class)),
        CodeBlock.of("$T.engine($T.INSTANCE, $T.INSTANCE, $S, config)", ClassName.get(LAMBDA, "Projections"),
            GeneratedNames.registry(model), GeneratedNames.codecs(model), projection.name()),
        "return handler.handle(event)");
  }

  /** Writes the SQS-driven Lambda that runs a process manager. */
  public void writeProcessManager(AppModel model, ProcessManagerModel processManager, Output output) {
    ClassName engine = ClassName.get("dev.sourced.runtime.process", "ProcessManagerEngine");
    write(output, processManager.type(), GeneratedNames.processManagerLambda(processManager),
        CodeBlock.of("AWS Lambda entry point of process manager {@code $L} ({@link $T}): SQS batches of EventBridge events\n"
            + "in, commands sent in-process, partial batch failures out.\n", processManager.name(), processManager.type()),
        SQS_EVENT, SQS_RESPONSE, ParameterizedTypeName.get(engine, WildcardTypeName.subtypeOf(Object.class)),
        CodeBlock.of("$T.engine($T.INSTANCE, $T.INSTANCE, $S, config)", ClassName.get(LAMBDA, "ProcessManagers"),
            GeneratedNames.registry(model), GeneratedNames.codecs(model), processManager.name()),
        "return handler.handle(event)");
  }

  /** Writes the HTTP Lambda that answers a projection's queries. */
  public void writeQueries(AppModel model, ProjectionModel projection, Output output) {
    ClassName api = ClassName.get(LAMBDA, "QueryApi");
    write(output, projection.type(), GeneratedNames.queriesLambda(projection),
        CodeBlock.of("AWS Lambda entry point for the queries of projection {@code $L} ({@link $T}).\n", projection.name(),
            projection.type()),
        HTTP_EVENT, HTTP_RESPONSE, api,
        CodeBlock.of("$T.create($T.INSTANCE, $T.INSTANCE, $S, config)", api, GeneratedNames.registry(model),
            GeneratedNames.codecs(model), projection.name()),
        "return handler.handle(event, context)");
  }

  /**
   * An entry point: a {@code handler} field built by the constructor, and {@code handleRequest}
   * delegating to it.
   */
  private static void write(Output output, ClassName origin, ClassName name, CodeBlock javadoc, ClassName eventType,
      ClassName responseType, TypeName handlerType, CodeBlock initializer, String call) {
    TypeSpec type = TypeSpec.classBuilder(name)
        .addJavadoc(javadoc)
        .addAnnotation(GENERATED)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(REQUEST_HANDLER, eventType, responseType))
        .addField(FieldSpec.builder(handlerType, "handler", Modifier.PRIVATE, Modifier.FINAL).build())
        .addMethod(MethodSpec.constructorBuilder()
            .addJavadoc("Lambda's constructor, run once per container: configured from the environment the CDK stack sets.\n")
            .addModifiers(Modifier.PUBLIC)
            .addStatement("this($T.fromEnvironment())", CONFIG)
            .build())
        .addMethod(MethodSpec.constructorBuilder()
            .addJavadoc("@param config where the function's resources are (the local cloud passes its own)\n")
            .addModifiers(Modifier.PUBLIC)
            .addParameter(CONFIG, "config")
            .addStatement("this.handler = $L", initializer)
            .build())
        .addMethod(MethodSpec.methodBuilder("handleRequest")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(responseType)
            .addParameter(eventType, "event")
            .addParameter(CONTEXT, "context")
            .addStatement(call)
            .build())
        .build();
    output.java(Sources.file(name.packageName(), type), List.of(origin));
  }

  public void writeCommands(AppModel model, AggregateModel aggregate, Output output) {
    ClassName api = ClassName.get(LAMBDA, "CommandApi");
    write(output, aggregate.type(), GeneratedNames.commandsLambda(aggregate),
        CodeBlock.of("AWS Lambda entry point for the commands of {@link $T}: API Gateway HTTP API (v2) events in,\n"
            + "HTTP responses out. Configured from the environment the CDK stack sets.\n", aggregate.type()),
        HTTP_EVENT, HTTP_RESPONSE, api,
        CodeBlock.of("$T.create($T.INSTANCE, $T.INSTANCE, $T.class, config)", api, GeneratedNames.registry(model),
            GeneratedNames.codecs(model), aggregate.type()),
        "return handler.handle(event, context)");
  }

}
