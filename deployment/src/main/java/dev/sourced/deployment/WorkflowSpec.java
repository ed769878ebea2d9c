package dev.sourced.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A Step Functions state machine: its Amazon States Language definition, with the functions its {@code Task}
 * states invoke left as {@code ${Placeholder}}s that each cloud fills with the function's ARN as it names it (the
 * CDK stack through {@code definitionSubstitutions}, the local cloud with its local ARNs), so both run one
 * definition.
 *
 * @param name its logical name, e.g. {@code cart-summary-replay}
 * @param owner the projection it serves
 * @param definition the ASL definition, with placeholders
 * @param functions placeholder (without {@code ${}}) → the name of the function it stands for
 * @param waitStates the names of its {@code Wait} states (a local run may shorten them)
 * @param grants what its role may do: invoke exactly the functions it names
 * @param startsOnDeploy whether a deployment that creates or changes what it serves starts it
 * @param starterGrants what that start on deploy may do: start exactly this workflow; empty when it does not start
 *     on deploy
 */
public record WorkflowSpec(String name, String owner, String definition, Map<String, String> functions, List<String> waitStates,
    List<Grant> grants, boolean startsOnDeploy, List<Grant> starterGrants) {
  /** The replay definition's placeholder for the projection's replay function. */
  public static final String REPLAY_FUNCTION = "ReplayFunction";
  /** The replay definition's wait between looks at the replay queue. */
  public static final String WAIT_FOR_QUEUE = "WaitForQueue";

  public WorkflowSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(definition, "definition");
    functions = java.util.Collections.unmodifiableMap(new TreeMap<>(functions));
    waitStates = List.copyOf(waitStates);
    grants = List.copyOf(grants);
    starterGrants = List.copyOf(starterGrants);
  }

  /** @return a projection's replay workflow, invoking {@code function} */
  static WorkflowSpec replay(String name, String projection, String function) {
    return new WorkflowSpec(name, projection, REPLAY_DEFINITION, Map.of(REPLAY_FUNCTION, function), List.of(WAIT_FOR_QUEUE),
        List.of(new Grant("InvokeReplayFunction", List.of("lambda:InvokeFunction"), Resource.function(function))), true,
        List.of(new Grant("StartReplay", List.of("states:StartExecution"), Resource.workflow(name))));
  }

  /**
   * @param arns a function's name → its ARN in the cloud that runs the definition
   * @return the definition with every placeholder replaced
   */
  public String definition(Function<String, String> arns) {
    String resolved = definition;
    for (Map.Entry<String, String> function : functions.entrySet()) {
      resolved = resolved.replace("${" + function.getKey() + "}", arns.apply(function.getValue()));
    }
    return resolved;
  }

  /** @return the functions its Task states invoke, in name order */
  public List<String> invokedFunctions() {
    return new ArrayList<>(new java.util.TreeSet<>(functions.values()));
  }

  /** The replay definition (see docs/replay.md): start → read every segment → wait until applied → finish. */
  static final String REPLAY_DEFINITION = read("replay.asl.json");

  private static String read(String resource) {
    try (InputStream in = WorkflowSpec.class.getResourceAsStream(resource)) {
      return new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
