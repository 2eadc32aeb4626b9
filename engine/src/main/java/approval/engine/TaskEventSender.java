package approval.engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts task events to the server (ENGINE_EVENTS_URL), in batches, from one background thread, so
 * that the engine's transactions never wait for the network. Flavour-neutral: the task listeners
 * (TaskEventPlugin, src/main/java-engine) hand it plain maps after their transaction committed.
 *
 * Events are hints for open inboxes, not records: the inbox reads its tasks from the engine. So
 * the queue is bounded (a server that is down for long costs dropped hints, never engine memory),
 * a failed batch is tried three times and then dropped with a warning.
 */
public final class TaskEventSender {

  private static final Logger LOG = LoggerFactory.getLogger(TaskEventSender.class);
  private static final int QUEUE_CAPACITY = 10_000;
  private static final int BATCH = 200;
  private static final int ATTEMPTS = 3;

  private final URI target;
  private final String authorization;
  // HTTP/1.1: the default (HTTP/2) asks a plain-HTTP server for an h2c upgrade, and the server's
  // socket.io closes upgrade requests that are not its own websockets
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2))
      .build();
  private final BlockingQueue<Map<String, Object>> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
  private final AtomicLong dropped = new AtomicLong();

  private TaskEventSender(URI target, String user, String password) {
    this.target = target;
    this.authorization = "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    Thread worker = new Thread(this::run, "task-event-sender");
    worker.setDaemon(true);
    worker.start();
  }

  /** The sender configured by ENGINE_EVENTS_URL, or null when no server wants events. */
  public static TaskEventSender fromEnvironment() {
    String url = System.getenv("ENGINE_EVENTS_URL");
    if (url == null || url.isBlank()) {
      LOG.info("ENGINE_EVENTS_URL is not set: task events are not pushed");
      return null;
    }
    LOG.info("pushing task events to {}", url);
    // the server checks the same service account the engine's REST API uses
    return new TaskEventSender(URI.create(url), System.getenv("ENGINE_USER"), System.getenv("ENGINE_PASSWORD"));
  }

  /** Called after a commit, on the engine's thread: never blocks. */
  public void offer(Map<String, Object> event) {
    if (!queue.offer(event)) {
      long n = dropped.incrementAndGet();
      if (n % 1000 == 1) {
        LOG.warn("task event queue full: {} events dropped so far", n);
      }
    }
  }

  private void run() {
    List<Map<String, Object>> batch = new ArrayList<>(BATCH);
    while (true) {
      try {
        batch.add(queue.take());
        queue.drainTo(batch, BATCH - 1);
        post(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn("task event batch lost: {}", e.toString());
      } finally {
        batch.clear();
      }
    }
  }

  private void post(List<Map<String, Object>> batch) throws InterruptedException {
    byte[] body = EventJson.encode(batch).getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(target)
        .timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json")
        .header("Authorization", authorization)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    String problem = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() < 300) {
          return;
        }
        problem = "HTTP " + response.statusCode();
        if (response.statusCode() < 500) {
          break; // refused (credentials, body): trying again will not help
        }
      } catch (java.io.IOException e) {
        problem = e.toString();
      }
      Thread.sleep(500L * attempt);
    }
    LOG.warn("dropped {} task events: the server did not take them ({})", batch.size(), problem);
  }
}
