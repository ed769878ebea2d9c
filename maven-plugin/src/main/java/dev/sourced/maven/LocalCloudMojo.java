package dev.sourced.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugins.annotations.Parameter;

/** The settings of the goals that run the application on the local cloud ({@code run}, {@code start}). */
public abstract class LocalCloudMojo extends SourcedMojo {
  /**
   * The application to run, by its name ({@code -Asourced.app}). Needed only when the class path holds several;
   * by default the only one.
   */
  @Parameter(property = "sourced.app")
  protected String app;

  /** The HTTP API's port on localhost; 0 takes any free port. */
  @Parameter(property = "sourced.port", defaultValue = "8080")
  protected int port;

  /**
   * A folder for DynamoDB Local's data, so events and views survive a restart (e.g. {@code target/sourced-data}, which
   * {@code mvn clean} empties). By default the data is in memory and starts empty at each start.
   */
  @Parameter(property = "sourced.data")
  protected File data;

  /**
   * Where the one-line hops go (command, append, publish, deliver, project, query): {@code console}, {@code off}, or
   * a file to append them to.
   */
  @Parameter(property = "sourced.hopLog", defaultValue = "console")
  protected String hopLog;

  /**
   * Which of the functions' own JSON log lines appear among the hops: {@code warn} (failures, with their stack
   * traces), {@code info} (every request and batch too), {@code error} or {@code off}.
   */
  @Parameter(property = "sourced.functionLog", defaultValue = "warn")
  protected String functionLog;

  /** Options of the local cloud's JVM, separated by spaces. */
  @Parameter(property = "sourced.jvmArgs", defaultValue = "-Xmx512m")
  protected String jvmArgs;

  /**
   * How long a queue's message stays invisible after a receive, so how long a failed message waits before its next
   * attempt (an ISO-8601 duration such as {@code PT5S}, or seconds). By default each queue's in the deployment
   * description, as deployed (180 s for a projection's: a poison message reaches its DLQ after 5 receives, about 15
   * minutes); shorten it to watch the redrive to a DLQ while developing.
   */
  @Parameter(property = "sourced.visibilityTimeout")
  protected String visibilityTimeout;

  @Parameter(defaultValue = "${plugin.artifacts}", readonly = true, required = true)
  protected List<Artifact> pluginArtifacts;
}
