package dev.sourced.runtime.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.sourced.runtime.log.LogLine;
import dev.sourced.runtime.projection.ProjectionTable;
import dev.sourced.runtime.replay.ProjectionReplay;
import dev.sourced.spi.SourcedApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A projection's replay reader: the function its replay workflow's {@code Task} states invoke, with
 * {@code {"action": "start" | "read" | "progress" | "finish", …}} (see {@link ProjectionReplay}). It finds the
 * application's generated registry on the class path and the projection it serves in {@code SOURCED_PROJECTION}.
 * An error is logged with its stack trace and thrown, so that the state machine retries the step.
 */
public final class ReplayLambda implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private final ProjectionReplay replay;
  private final SourcedConfig config;

  public ReplayLambda() {
    this(SourcedConfig.fromEnvironment());
  }

  public ReplayLambda(SourcedConfig config) {
    this.config = config;
    SourcedApplication app = application(getClass().getClassLoader());
    String projection = SourcedConfig.require(config.projection(), SourcedConfig.PROJECTION);
    var dynamoDb = config.dynamoDbClient();
    this.replay = new ProjectionReplay(Projections.definition(app, projection), dynamoDb, config.requireEventTable(),
        new ProjectionTable(dynamoDb, SourcedConfig.require(config.projectionTable(), SourcedConfig.PROJECTION_TABLE)),
        config.sqsClient(), SourcedConfig.require(config.replayQueue(), SourcedConfig.REPLAY_QUEUE),
        SourcedConfig.require(config.replayDeadLetterQueue(), SourcedConfig.REPLAY_DEAD_LETTER_QUEUE), ProjectionReplay.DEFAULT_SEGMENTS,
        config.log());
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> handleRequest(Map<String, Object> request, Context context) {
    String action = request == null ? null : (String) request.get("action");
    try {
      return switch (action == null ? "" : action) {
        case "start" -> replay.start((Map<String, Object>) request.get("input"));
        case "read" -> replay.read((Map<String, Object>) request.get("cursor"),
            () -> context == null ? 60_000 : context.getRemainingTimeInMillis());
        case "progress" -> replay.progress((Map<String, Object>) request.get("replay"));
        case "finish" -> replay.finish((Map<String, Object>) request.get("replay"));
        default -> throw new IllegalArgumentException("action must be start, read, progress or finish; found " + action);
      };
    } catch (RuntimeException e) {
      LogLine.error("replay step failed; the workflow retries it").put("projection", config.projection()).put("action", action)
          .put("functionRequestId", context == null ? null : context.getAwsRequestId()).unexpected(e).writeTo(config.log());
      throw e;
    }
  }

  private static SourcedApplication application(ClassLoader loader) {
    List<SourcedApplication> found = new ArrayList<>();
    ServiceLoader.load(SourcedApplication.class, loader).forEach(found::add);
    if (found.size() != 1) {
      throw new IllegalStateException("expected one Sourced application in the bundle, found " + found.size()
          + "; the processor writes META-INF/services/dev.sourced.spi.SourcedApplication");
    }
    return found.get(0);
  }
}
