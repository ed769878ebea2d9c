package dev.sourced.processor.codegen;

import static dev.sourced.processor.codegen.Sources.GENERATED;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeSpec;
import dev.sourced.processor.model.AggregateModel;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.CommandHandlerMethod;
import dev.sourced.processor.model.ProjectionModel;
import dev.sourced.processor.model.QueryHandlerMethod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the CDK stack ({@code <App>Stack}) and its app main ({@code <App>CdkApp}) into the
 * registry's package + {@code .cdk}, when sourced-cdk is on the class path. The stack is thin: it
 * creates a {@code SourcedBackend} from the app's topology and declares the functions and routes of
 * the model. The package is kept out of the Lambda bundle (see the sample's shade filter).
 */
public final class CdkWriter {
  /** A sourced-cdk class: when it is on the class path, the stack is generated. */
  public static final String MARKER = "dev.sourced.cdk.SourcedBackend";
  private static final String CDK = "dev.sourced.cdk";
  private static final ClassName CONSTRUCT = ClassName.get("software.constructs", "Construct");
  private static final ClassName STACK = ClassName.get("software.amazon.awscdk", "Stack");
  private static final ClassName STACK_PROPS = ClassName.get("software.amazon.awscdk", "StackProps");
  private static final ClassName APP = ClassName.get("software.amazon.awscdk", "App");
  private static final ClassName APP_PROPS = ClassName.get("software.amazon.awscdk", "AppProps");
  private static final ClassName BACKEND = ClassName.get(CDK, "SourcedBackend");
  private static final ClassName BACKEND_PROPS = ClassName.get(CDK, "SourcedBackendProps");
  private static final ClassName LAMBDA_BUNDLE = ClassName.get(CDK, "LambdaBundle");
  private static final ClassName TOPOLOGY = ClassName.get("dev.sourced.runtime.topology", "Topology");
  private static final ClassName PATH = ClassName.get("java.nio.file", "Path");

  public void write(AppModel model, Output output) {
    ClassName registry = GeneratedNames.registry(model);
    ClassName stackName = GeneratedNames.cdkStack(model);
    ClassName appName = GeneratedNames.cdkApp(model);
    String stackId = GeneratedNames.pascal(model.name());

    CodeBlock.Builder body = CodeBlock.builder()
        .addStatement("super(scope, id, props)")
        .beginControlFlow("if (!backend.getTopology().equals($T.of($T.INSTANCE)))", TOPOLOGY, registry)
        .addStatement("throw new $T($S)", IllegalArgumentException.class,
            "backend props carry another app's topology; build them from " + stackName.simpleName() + ".backendProps()")
        .endControlFlow()
        .addStatement("this.backend = new $T(this, $S, backend)", BACKEND, "Backend");
    for (AggregateModel aggregate : model.aggregates()) {
      body.addStatement("this.backend.commands($S, $S)", aggregate.name(), GeneratedNames.commandsLambda(aggregate).canonicalName());
    }
    for (ProjectionModel projection : model.projections()) {
      body.addStatement("this.backend.projection($S, $S)", projection.name(), GeneratedNames.projectionLambda(projection).canonicalName());
      if (AppModelWriter.answersQueries(model, projection)) {
        body.addStatement("this.backend.queries($S, $S)", projection.name(), GeneratedNames.queriesLambda(projection).canonicalName());
      }
    }
    record RouteLine(String method, String path, String function) {}
    List<RouteLine> routes = new ArrayList<>();
    for (AggregateModel aggregate : model.aggregates()) {
      for (CommandHandlerMethod handler : aggregate.commandHandlers()) {
        routes.add(new RouteLine(handler.route().method(), handler.route().path(), aggregate.name() + "-commands"));
      }
    }
    for (QueryHandlerMethod query : model.queries()) {
      routes.add(new RouteLine(query.route().method(), query.route().path(), query.projection() + "-queries"));
    }
    routes.sort(Comparator.comparing(RouteLine::path).thenComparing(RouteLine::method));
    for (RouteLine route : routes) {
      body.addStatement("this.backend.route($S, $S, $S)", route.method(), route.path(), route.function());
    }

    TypeSpec stack = TypeSpec.classBuilder(stackName)
        .addJavadoc("The AWS CDK stack of {@code $L}: its event store, bus, publisher, projection pipelines, HTTP API and alarms.\n",
            model.name())
        .addAnnotation(GENERATED)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(STACK)
        .addField(BACKEND, "backend", Modifier.PRIVATE, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder()
            .addJavadoc("@param backend the bundle and sizing of the functions, API authorization, alarm topic, data removal\n"
                + "    policy: start from {@link #backendProps()}\n")
            .addModifiers(Modifier.PUBLIC)
            .addParameter(CONSTRUCT, "scope")
            .addParameter(String.class, "id")
            .addParameter(STACK_PROPS, "props")
            .addParameter(BACKEND_PROPS, "backend")
            .addCode(body.build())
            .build())
        .addMethod(MethodSpec.methodBuilder("backendProps").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(BACKEND_PROPS.nestedClass("Builder"))
            .addJavadoc("@return a builder of this app's backend props, its topology set; add at least {@code code}\n")
            .addStatement("return $T.builder().topology($T.of($T.INSTANCE))", BACKEND_PROPS, TOPOLOGY, registry)
            .build())
        .addMethod(MethodSpec.methodBuilder("backend").addModifiers(Modifier.PUBLIC).returns(BACKEND)
            .addJavadoc("@return the constructs, to add to or look into\n")
            .addStatement("return backend").build())
        .build();
    output.java(Sources.file(stackName.packageName(), stack), RegistryWriter.originating(model));

    TypeSpec main = TypeSpec.classBuilder(appName)
        .addJavadoc("The CDK app of {@code $L}, for {@code cdk synth} and {@code cdk deploy}. It deploys the Lambda bundle\n"
            + "{@code target/*-lambda.jar} (build it with {@code mvn package}; system property {@code sourced.target} names\n"
            + "another folder) and writes the cloud assembly to\n"
            + "{@code CDK_OUTDIR} (set by the CDK CLI) or the first argument.\n", model.name())
        .addAnnotation(GENERATED)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(MethodSpec.methodBuilder("main")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .addParameter(String[].class, "args")
            .addStatement("$T app = new $T($T.builder().outdir(args.length > 0 ? args[0] : System.getenv($S)).build())", APP, APP,
                APP_PROPS, "CDK_OUTDIR")
            .addStatement("new $T(app, $S, $T.builder().description($S).build(),\n$T.backendProps().code($T.in($T.of(System.getProperty($S, $S)))).build())",
                stackName, stackId, STACK_PROPS, "Sourced application " + model.name(), stackName, LAMBDA_BUNDLE,
                PATH, "sourced.target", "target")
            .addStatement("app.synth()")
            .build())
        .build();
    output.java(Sources.file(appName.packageName(), main), RegistryWriter.originating(model));
  }
}
