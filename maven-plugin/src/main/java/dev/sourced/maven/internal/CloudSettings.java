package dev.sourced.maven.internal;

import dev.sourced.local.cloud.LocalCloudMain;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to run the local cloud: the settings {@code dev.sourced.local.cloud.LocalCloudMain} reads.
 *
 * @param app the application's name, or null for the only one on the class path
 * @param port the HTTP API's port on localhost
 * @param data a folder for DynamoDB Local's data, or null to keep it in memory
 * @param hopLog {@code console}, {@code off}, or a file for the one-line hops
 * @param functionLog {@code warn}, {@code info}, {@code error} or {@code off}: the functions' own log lines shown
 * @param jvmOptions the JVM's options, e.g. {@code -Xmx512m}
 * @param visibilityTimeout how long a received message stays invisible ({@code PT5S} or seconds), or null for each
 *     queue's as deployed
 * @param parentPid the process whose end ends the local cloud too, or null to leave it running ({@code sourced:start})
 */
public record CloudSettings(String app, int port, Path data, String hopLog, String functionLog, List<String> jvmOptions,
    String visibilityTimeout, Long parentPid) {
  static final String MAIN = LocalCloudMain.class.getName();

  /** @return these settings for a local cloud that ends when this JVM does, however this JVM ends ({@code sourced:run}) */
  public CloudSettings endingWithThisJvm() {
    return new CloudSettings(app, port, data, hopLog, functionLog, jvmOptions, visibilityTimeout, ProcessHandle.current().pid());
  }

  /** @return the settings as the system properties LocalCloudMain reads */
  Map<String, String> systemProperties(int actualPort) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(LocalCloudMain.PORT, Integer.toString(actualPort));
    if (app != null && !app.isBlank()) {
      properties.put(LocalCloudMain.APP_NAME, app.trim());
    }
    if (data != null) {
      properties.put(LocalCloudMain.DATA, data.toString());
    }
    properties.put(LocalCloudMain.HOP_LOG, hopLog == null ? "console" : hopLog);
    properties.put(LocalCloudMain.FUNCTION_LOG, functionLog == null ? "warn" : functionLog);
    if (visibilityTimeout != null && !visibilityTimeout.isBlank()) {
      properties.put(LocalCloudMain.VISIBILITY_TIMEOUT, visibilityTimeout.trim());
    }
    if (parentPid != null) {
      properties.put(LocalCloudMain.PARENT_PID, Long.toString(parentPid));
    }
    return properties;
  }
}
