package approval.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.rest.impl.FetchAndLockContextListener;
import org.camunda.bpm.engine.rest.impl.FetchAndLockHandlerImpl;
import org.camunda.bpm.engine.rest.spi.FetchAndLockHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Wakes this node's pending fetchAndLock long polls for external tasks that another engine node
 * created. The engine wakes its long-poll handler (ProcessEngineImpl.EXT_TASK_CONDITIONS) only for
 * tasks its own node creates; a task from another node on the same database would otherwise wait
 * for the handler's next re-query, up to 30 s later. Every ENGINE_EXTERNAL_TASK_WATCH_MS this
 * watcher asks the database for the newest unlocked, active external tasks with retries left (one
 * indexed-table query of at most WINDOW ids) and signals the handler when one is among them that it
 * has not seen before. A task that stays unlocked because no worker serves its topic is seen once
 * and never signals again; a node with no pending long poll asks nothing. Written against Camunda 7;
 * the Operaton build compiles a renamed copy (see engine/pom.xml). See docs/engine.md.
 */
@Component
public class ExternalTaskWatcher {

  private static final Logger LOG = LoggerFactory.getLogger(ExternalTaskWatcher.class);

  /** the newest unlocked tasks looked at per round; more new ones than this in one round are all new */
  static final int WINDOW = 100;
  /** ids remembered; a task seen longer ago than this many newer ones may signal once more */
  static final int REMEMBERED = 10_000;
  static final long DEFAULT_INTERVAL_MS = 250;

  private final ProcessEngine engine;
  private final long intervalMs;
  private final Map<String, Boolean> seen = new LinkedHashMap<>(REMEMBERED * 2, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED;
    }
  };
  private ScheduledExecutorService timer;
  private long signals;

  /** A wrong setting fails here, when the bean is made: the engine does not start. */
  public ExternalTaskWatcher(ProcessEngine engine) {
    this.engine = engine;
    this.intervalMs = parseInterval(System.getenv("ENGINE_EXTERNAL_TASK_WATCH_MS"), System.getenv("ENGINE_DB_URL"));
  }

  /**
   * ENGINE_EXTERNAL_TASK_WATCH_MS: the interval; 0 turns the watcher off. Default 250 ms, and off on
   * an embedded H2 database (file or memory), which only one engine node can open.
   */
  static long parseInterval(String setting, String dbUrl) {
    if (setting == null || setting.isBlank()) {
      boolean embeddedH2 = dbUrl == null || dbUrl.startsWith("jdbc:h2:file:") || dbUrl.startsWith("jdbc:h2:mem:");
      return embeddedH2 ? 0 : DEFAULT_INTERVAL_MS;
    }
    long value;
    try {
      value = Long.parseLong(setting.trim());
    } catch (NumberFormatException e) {
      value = -1;
    }
    if (value < 0 || value > 60_000) {
      throw new IllegalArgumentException(
          "ENGINE_EXTERNAL_TASK_WATCH_MS must be a whole number of milliseconds from 0 (off) to 60000, got '" + setting + "'");
    }
    return value;
  }

  @EventListener(ApplicationReadyEvent.class)
  public synchronized void start() {
    if (timer != null) {
      return;
    }
    if (intervalMs == 0) {
      LOG.info("external task watcher off: long polls wake for tasks of other engine nodes at their next re-query");
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "external-task-watcher");
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleWithFixedDelay(this::round, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    LOG.info("external task watcher on: every {} ms, long polls wake for tasks other engine nodes create", intervalMs);
  }

  @EventListener(ContextClosedEvent.class)
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  private void round() {
    try {
      if (!anyPendingLongPoll()) {
        return;
      }
      if (sawNewTask(engine.getExternalTaskService().createExternalTaskQuery()
          .notLocked().active().withRetriesLeft().orderByCreateTime().desc().listPage(0, WINDOW))) {
        signals++;
        LOG.debug("an external task not seen before: waking the long polls ({} so far)", signals);
        ProcessEngineImpl.EXT_TASK_CONDITIONS.signalAll();
      }
    } catch (RuntimeException e) {
      // a database hiccup: the next round tries again; the long polls still re-query on their own
      LOG.warn("external task watcher: {}", e.getMessage());
    }
  }

  /** Remembers the tasks' ids; true if one of them was not remembered. */
  boolean sawNewTask(List<ExternalTask> tasks) {
    boolean fresh = false;
    for (ExternalTask task : tasks) {
      if (seen.putIfAbsent(task.getId(), Boolean.TRUE) == null) {
        fresh = true;
      }
    }
    return fresh;
  }

  /**
   * Whether this node's long-poll handler holds a request that waits for tasks. A hint read without
   * the handler's lock (a request arriving meanwhile is tried at once by the handler anyway); a
   * handler of another kind counts as waiting.
   */
  private static boolean anyPendingLongPoll() {
    FetchAndLockHandler handler = FetchAndLockContextListener.getFetchAndLockHandler();
    if (handler instanceof FetchAndLockHandlerImpl impl) {
      return !impl.getPendingRequests().isEmpty();
    }
    return handler != null;
  }
}
