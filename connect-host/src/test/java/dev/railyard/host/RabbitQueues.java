package dev.railyard.host;

import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The machine's RabbitMQ (127.0.0.1:5672, guest/guest) through a real AMQP client: queues a test
 * declares, publishes to and reads back, all deleted on close.
 */
final class RabbitQueues implements AutoCloseable {

  static final String HOST = "127.0.0.1";
  static final int PORT = 5672;
  static final String USER = "guest";
  static final String PASSWORD = "guest";

  private final Connection connection;
  private final Channel channel;
  private final List<String> declared = new ArrayList<>();

  private RabbitQueues(Connection connection) throws IOException {
    this.connection = connection;
    this.channel = connection.createChannel();
  }

  static RabbitQueues connect() throws IOException, TimeoutException {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(HOST);
    factory.setPort(PORT);
    factory.setUsername(USER);
    factory.setPassword(PASSWORD);
    factory.setConnectionTimeout(5_000);
    return new RabbitQueues(factory.newConnection("railyard-it"));
  }

  /** Declares a queue bound to {@code amq.direct} with its own name as the routing key. */
  RabbitQueues declare(String queue) throws IOException {
    channel.queueDeclare(queue, false, false, false, null);
    channel.queueBind(queue, "amq.direct", queue);
    declared.add(queue);
    return this;
  }

  /** Publishes one UTF-8 message to a queue through the default exchange. */
  void publish(String queue, String body) throws IOException {
    channel.basicPublish("", queue, null, body.getBytes(StandardCharsets.UTF_8));
  }

  /** How many messages wait in a queue. */
  long waiting(String queue) throws IOException {
    return channel.queueDeclarePassive(queue).getMessageCount();
  }

  /** Takes {@code count} messages from a queue, waiting up to two minutes for them. */
  List<String> take(String queue, int count) {
    List<String> bodies = new ArrayList<>();
    await(count + " messages in queue " + queue)
        .atMost(Duration.ofSeconds(120))
        .until(
            () -> {
              GetResponse r;
              while (bodies.size() < count && (r = channel.basicGet(queue, true)) != null) {
                bodies.add(new String(r.getBody(), StandardCharsets.UTF_8));
              }
              return bodies.size() >= count;
            });
    return bodies;
  }

  @Override
  public void close() throws IOException, TimeoutException {
    for (String queue : declared) {
      channel.queueDelete(queue);
    }
    channel.close();
    connection.close();
  }
}
