package approval.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Process engine host: Camunda 7 / Operaton engine + its REST API on /engine-rest, nothing else.
 * All configuration comes from environment variables (see application.yaml and docs/engine.md).
 * The parts that use the engine's API (REST authentication filter, service account, task events)
 * live in src/main/java-engine, written against Camunda 7; the Operaton build compiles a copy with
 * org.camunda.* renamed to org.operaton.* (engine/pom.xml, profile operaton).
 */
@SpringBootApplication
public class EngineApplication {

  public static void main(String[] args) {
    String user = System.getenv("ENGINE_USER");
    String password = System.getenv("ENGINE_PASSWORD");
    if (isBlank(user) || isBlank(password)) {
      System.err.println("approval-engine: refusing to start: ENGINE_USER and ENGINE_PASSWORD must be set "
          + "(the REST API service account; it is created or updated in the engine's identity tables at start).");
      System.exit(2);
    }
    if (!user.matches("[a-zA-Z0-9]+")) {
      // the engine's default user id whitelist; checked here for a clear message instead of a stack trace
      System.err.println("approval-engine: refusing to start: ENGINE_USER must match [a-zA-Z0-9]+ (got '" + user + "').");
      System.exit(2);
    }
    if ("1".equals(System.getenv("ENGINE_EXIT_ON_STDIN_EOF"))) {
      exitWhenStdinCloses();
    }
    driverDefaults(System.getenv("ENGINE_DB_URL"));
    SpringApplication app = new SpringApplication(EngineApplication.class);
    app.run(args);
  }

  /**
   * Used when a supervising process (scripts/lib/engine.ts) keeps our stdin as a pipe: when that
   * process dies, even by SIGKILL, the kernel closes its end of the pipe, read() returns EOF and we
   * exit through the normal shutdown hooks. Only enabled on request, because stdin is at EOF at once
   * under nohup/systemd.
   */
  private static void exitWhenStdinCloses() {
    Thread watcher = new Thread(() -> {
      try {
        byte[] buf = new byte[256];
        while (System.in.read(buf) != -1) {
          // input is ignored
        }
      } catch (Exception ignored) {
        // treat a broken stdin like EOF
      }
      System.err.println("approval-engine: stdin closed (supervising process gone), shutting down");
      System.exit(0);
    }, "stdin-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  /**
   * JDBC driver options the engine needs on MariaDB/MySQL, added unless the URL names them (as
   * Hikari data source properties, which reach the driver with the URL):
   * <ul>
   * <li>nullDatabaseMeansCurrent=true (both drivers): the engine asks the JDBC metadata whether its
   *     tables exist with a null catalog, which otherwise means "any database on the server"; with
   *     an engine schema in another database it would skip creating its own.</li>
   * <li>useMysqlMetadata=true (MariaDB Connector/J): it reports the product name "MariaDB", which
   *     the engine's database type detection does not know; as "MySQL" the engine then finds
   *     "MariaDB" in the server version and picks its mariadb dialect.</li>
   * <li>sendFractionalSeconds=false (MySQL Connector/J): required by the engine on MySQL.</li>
   * </ul>
   */
  static void driverDefaults(String url) {
    if (url == null) {
      return;
    }
    if (url.startsWith("jdbc:mariadb:")) {
      driverDefault(url, "useMysqlMetadata", "true");
      driverDefault(url, "nullDatabaseMeansCurrent", "true");
    } else if (url.startsWith("jdbc:mysql:")) {
      driverDefault(url, "sendFractionalSeconds", "false");
      driverDefault(url, "nullDatabaseMeansCurrent", "true");
    }
  }

  private static void driverDefault(String url, String option, String value) {
    if (!url.contains(option + "=")) {
      System.setProperty("spring.datasource.hikari.data-source-properties." + option, value);
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
