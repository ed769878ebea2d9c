package dev.sourced.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** DynamoDB Local as the local cloud starts it. */
class LocalDynamoDbTest {
  @Test
  void itListensOnLoopbackOnly_soNoOtherMachineCanReadOrWriteItsTables() throws IOException {
    InetAddress outward = nonLoopbackAddress();
    assumeTrue(outward != null, "this machine has no address but loopback to try");
    try (LocalDynamoDb dynamoDb = LocalDynamoDb.start()) {
      int port = dynamoDb.endpoint().getPort();
      assertThat(dynamoDb.client().listTables().tableNames()).isNotNull(); // answers on loopback

      assertThatThrownBy(() -> {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(outward, port), 2_000);
        }
      }).as("a connection to %s:%d", outward, port).isInstanceOf(ConnectException.class);
    }
  }

  private static InetAddress nonLoopbackAddress() throws SocketException {
    for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!network.isUp() || network.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(network.getInetAddresses())) {
        if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
          return address;
        }
      }
    }
    return null;
  }
}
