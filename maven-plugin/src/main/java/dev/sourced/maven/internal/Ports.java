package dev.sourced.maven.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** The local cloud's port, checked before a JVM is started for it. */
public final class Ports {
  private Ports() {}

  /**
   * @param port the port the local cloud is to listen on, on localhost; 0 is any free port
   * @throws SetupException when another process listens there
   */
  public static void requireFree(int port) throws SetupException {
    if (port < 0 || port > 65535) {
      throw new SetupException("sourced.port must be from 0 (any free port) to 65535; found " + port + ".");
    }
    if (port == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true); // as the local cloud's server binds: a closed connection's TIME_WAIT is no conflict
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
    } catch (IOException e) {
      throw new SetupException("Port " + port + " on localhost is in use, perhaps by another `mvn sourced:run`: stop that"
          + " process (`lsof -i :" + port + "` names it) or choose another port with -Dsourced.port=" + (port + 1) + ".");
    }
  }

  /** @return a port that was free a moment ago */
  public static int free() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
