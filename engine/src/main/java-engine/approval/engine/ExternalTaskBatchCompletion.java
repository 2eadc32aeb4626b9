package approval.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Providers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteExternalTaskCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.dto.VariableValueDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.variable.VariableMap;
import org.glassfish.jersey.server.ResourceConfig;
import org.springframework.stereotype.Component;

/**
 * POST /engine-rest/approval/external-task/complete: completes many external tasks of one worker in
 * one transaction (one commit instead of one per task), each with its own variables. Answers one
 * result per task, in the order asked: completed, or the status, type and message the engine's own
 * POST /external-task/{id}/complete would have answered for it (404 for a task that is gone, 400 for
 * one locked by another worker, ...), so a task that cannot be completed never fails the others.
 *
 * How: all tasks in one command; when one of them throws, nothing of that attempt is written, that
 * task is completed alone (its own transaction, the engine's normal path, which reports its error),
 * and the others are tried again together; after three such rounds, or when the commit itself fails
 * (a concurrent change), each remaining task is completed alone. Registered on the engine's Jersey
 * application (so behind the same authentication filter). Written against Camunda 7; the Operaton
 * build compiles a renamed copy (see engine/pom.xml). See docs/engine.md.
 */
@Component
public class ExternalTaskBatchCompletion {

  /** the most tasks one request may complete */
  static final int MAX_TASKS = 500;
  /** rounds of "one task threw: complete it alone, try the rest together again" before all go alone */
  static final int MAX_ROUNDS = 3;

  public ExternalTaskBatchCompletion(ResourceConfig restApplication, ProcessEngine engine) {
    restApplication.register(new Resource(engine));
  }

  @Path("/approval/external-task/complete")
  public static class Resource {
    private final ProcessEngine engine;

    Resource(ProcessEngine engine) {
      this.engine = engine;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public List<TaskResultDto> complete(BatchDto batch, @Context Providers providers) {
      if (batch == null || batch.getWorkerId() == null || batch.getWorkerId().isEmpty()) {
        throw new InvalidRequestException(Status.BAD_REQUEST, "workerId is required");
      }
      List<TaskDto> tasks = batch.getTasks();
      if (tasks == null || tasks.isEmpty() || tasks.size() > MAX_TASKS) {
        throw new InvalidRequestException(Status.BAD_REQUEST, "tasks must list 1 to " + MAX_TASKS + " external tasks");
      }
      Set<String> ids = new HashSet<>();
      for (TaskDto task : tasks) {
        if (task == null || task.getId() == null || task.getId().isEmpty()) {
          throw new InvalidRequestException(Status.BAD_REQUEST, "every task needs an id");
        }
        if (!ids.add(task.getId())) {
          throw new InvalidRequestException(Status.BAD_REQUEST, "external task " + task.getId() + " is listed twice");
        }
      }
      ObjectMapper mapper = providers.getContextResolver(ObjectMapper.class, MediaType.APPLICATION_JSON_TYPE).getContext(ObjectMapper.class);
      String workerId = batch.getWorkerId();
      List<TaskResultDto> results = new ArrayList<>();
      List<Completion> pending = new ArrayList<>();
      for (TaskDto task : tasks) {
        TaskResultDto result = new TaskResultDto(task.getId());
        results.add(result);
        try {
          pending.add(new Completion(task.getId(), VariableValueDto.toMap(task.getVariables(), engine, mapper),
              VariableValueDto.toMap(task.getLocalVariables(), engine, mapper), result));
        } catch (RuntimeException e) {
          result.fail(e); // a variable the engine cannot take, as the single completion would say
        }
      }
      completeAll(workerId, pending);
      return results;
    }

    private void completeAll(String workerId, List<Completion> pending) {
      CommandExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired();
      for (int round = 0; !pending.isEmpty(); round++) {
        if (round == MAX_ROUNDS) {
          pending.forEach(c -> completeAlone(workerId, c));
          return;
        }
        Completion[] current = new Completion[1];
        try {
          executor.execute(commandContext -> {
            for (Completion c : pending) {
              current[0] = c;
              new CompleteExternalTaskCmd(c.id, workerId, c.variables, c.localVariables).execute(commandContext);
            }
            current[0] = null; // what fails from here on (the flush, the commit) is no one task's
            return null;
          });
          pending.forEach(c -> c.result.setCompleted(true));
          return;
        } catch (RuntimeException e) {
          Completion culprit = current[0];
          if (culprit == null) {
            pending.forEach(c -> completeAlone(workerId, c));
            return;
          }
          completeAlone(workerId, culprit);
          pending.remove(culprit);
        }
      }
    }

    /** The engine's own completion of one task, in its own transaction; its error as the REST API answers it. */
    private void completeAlone(String workerId, Completion c) {
      try {
        engine.getExternalTaskService().complete(c.id, workerId, c.variables, c.localVariables);
        c.result.setCompleted(true);
      } catch (NotFoundException e) {
        c.result.fail(new RestException(Status.NOT_FOUND, e, "External task with id " + c.id + " does not exist"));
      } catch (BadUserRequestException e) {
        c.result.fail(new RestException(Status.BAD_REQUEST, e, e.getMessage()));
      } catch (RuntimeException e) {
        c.result.fail(e);
      }
    }
  }

  private record Completion(String id, VariableMap variables, VariableMap localVariables, TaskResultDto result) {}

  public static class BatchDto {
    private String workerId;
    private List<TaskDto> tasks;

    public String getWorkerId() {
      return workerId;
    }

    public void setWorkerId(String workerId) {
      this.workerId = workerId;
    }

    public List<TaskDto> getTasks() {
      return tasks;
    }

    public void setTasks(List<TaskDto> tasks) {
      this.tasks = tasks;
    }
  }

  public static class TaskDto {
    private String id;
    private Map<String, VariableValueDto> variables;
    private Map<String, VariableValueDto> localVariables;

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public Map<String, VariableValueDto> getVariables() {
      return variables;
    }

    public void setVariables(Map<String, VariableValueDto> variables) {
      this.variables = variables;
    }

    public Map<String, VariableValueDto> getLocalVariables() {
      return localVariables;
    }

    public void setLocalVariables(Map<String, VariableValueDto> localVariables) {
      this.localVariables = localVariables;
    }
  }

  /** One task's outcome: the HTTP status of the engine's single completion (204 when completed), and its exception's type and message when not. */
  public static class TaskResultDto {
    private final String id;
    private boolean completed;
    private Integer status;
    private String type;
    private String message;

    TaskResultDto(String id) {
      this.id = id;
    }

    void fail(RuntimeException e) {
      ExceptionHandlerHelper helper = ExceptionHandlerHelper.getInstance();
      ExceptionDto dto = helper.fromException(e);
      completed = false;
      status = helper.getStatus(e).getStatusCode();
      type = dto.getType();
      message = dto.getMessage();
    }

    public String getId() {
      return id;
    }

    public boolean isCompleted() {
      return completed;
    }

    void setCompleted(boolean completed) {
      this.completed = completed;
      if (completed) {
        status = Status.NO_CONTENT.getStatusCode(); // what the single completion answers
        type = null;
        message = null;
      }
    }

    public Integer getStatus() {
      return status;
    }

    public String getType() {
      return type;
    }

    public String getMessage() {
      return message;
    }
  }
}
