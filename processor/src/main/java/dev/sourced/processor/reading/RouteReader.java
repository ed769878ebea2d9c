package dev.sourced.processor.reading;

import static dev.sourced.processor.validation.Diagnostic.INVALID_ROUTE;

import dev.sourced.processor.model.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Reads the {@code route} of a command or query handler: {@code <METHOD> /segment/{component}}, each
 * path parameter a component of the handler's record, GET for queries only.
 */
final class RouteReader {
  private static final Pattern ROUTE =
      Pattern.compile("(GET|POST|PUT|PATCH|DELETE) (/|(/([A-Za-z0-9._~-]+|\\{[A-Za-z][A-Za-z0-9]*}))+)");
  private static final Pattern ROUTE_PARAMETER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

  private final ElementTools tools;

  RouteReader(ElementTools tools) {
    this.tools = tools;
  }

  /**
   * @param record the command or query record, whose components path parameters name
   * @param defaultRoute the route when none is declared; also the example in the message
   * @param query whether the handler answers a query (GET) or handles a command (anything else)
   * @return the declared route, else the default; null (reported) when the declared one is invalid
   */
  Route read(ExecutableElement method, AnnotationMirror annotation, TypeElement record, Route defaultRoute,
      boolean query, Reports reports) {
    String declared = (String) tools.valueOf(annotation, "route");
    if (declared.isEmpty()) {
      return defaultRoute;
    }
    Matcher matcher = ROUTE.matcher(declared);
    List<String> parameters = new ArrayList<>();
    String problem = !matcher.matches()
        ? "it does not have the form '<METHOD> /segment/{component}' with METHOD one of GET, POST, PUT, PATCH, DELETE"
        : query != matcher.group(1).equals("GET")
            ? query ? "queries are read with GET; found " + matcher.group(1) : "commands change state, so they cannot use GET"
            : parameterProblem(matcher.group(2), record, parameters);
    if (problem != null) {
      reports.add(method, annotation, Annotations.explicitValue(annotation, "route"), INVALID_ROUTE, declared,
          method.getSimpleName(), problem, defaultRoute.toString());
      return null;
    }
    return new Route(matcher.group(1), matcher.group(2), parameters);
  }

  /** Collects the path's parameters. @return what is wrong with one, or null */
  private static String parameterProblem(String path, TypeElement record, List<String> parameters) {
    Matcher parameter = ROUTE_PARAMETER.matcher(path);
    while (parameter.find()) {
      String name = parameter.group(1);
      if (parameters.contains(name)) {
        return "path parameter {" + name + "} appears twice";
      }
      if (record.getRecordComponents().stream().noneMatch(c -> c.getSimpleName().contentEquals(name))) {
        return "path parameter {" + name + "} is not a component of " + record.getSimpleName() + " ("
            + record.getRecordComponents().stream().map(c -> c.getSimpleName().toString())
                .collect(Collectors.joining(", ")) + ")";
      }
      parameters.add(name);
    }
    return null;
  }
}
