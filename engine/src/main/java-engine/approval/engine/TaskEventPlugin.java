package approval.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyChange;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.stereotype.Component;

/**
 * Pushes user-task events (created, assignee changed, completed, deleted) to the server once their
 * transaction has committed, so open inboxes update without the server polling the engine. Tasks
 * created inside jobs or after a worker's completion are covered too, since the listener sits on
 * every user task of every deployed process. Written against Camunda 7; the Operaton build compiles
 * a renamed copy (see engine/pom.xml). The sending is in TaskEventSender.
 */
@Component
public class TaskEventPlugin extends AbstractProcessEnginePlugin {

  private static final String[] EVENTS = {
    TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_ASSIGNMENT,
    TaskListener.EVENTNAME_COMPLETE, TaskListener.EVENTNAME_DELETE,
  };

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    TaskEventSender sender = TaskEventSender.fromEnvironment();
    if (sender == null) {
      return;
    }
    TaskListener listener = task -> afterCommit(sender, describe(task));
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
          for (String event : EVENTS) {
            behavior.getTaskDefinition().addBuiltInTaskListener(event, listener);
          }
        }
      }
    });
  }

  private static void afterCommit(TaskEventSender sender, Map<String, Object> event) {
    var commandContext = Context.getCommandContext();
    if (commandContext == null) {
      sender.offer(event);
      return;
    }
    commandContext.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, ctx -> sender.offer(event));
  }

  private static Map<String, Object> describe(DelegateTask task) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("event", task.getEventName());
    event.put("taskId", task.getId());
    event.put("taskDefinitionKey", task.getTaskDefinitionKey());
    event.put("name", task.getName());
    event.put("assignee", task.getAssignee());
    event.put("owner", task.getOwner());
    if (task instanceof TaskEntity entity) {
      PropertyChange change = entity.getPropertyChanges().get(TaskEntity.ASSIGNEE);
      if (change != null && change.getOrgValue() != null) {
        event.put("previousAssignee", String.valueOf(change.getOrgValue()));
      }
    }
    List<String> groups = new ArrayList<>();
    for (IdentityLink link : task.getCandidates()) {
      if (link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
    }
    event.put("candidateGroups", groups);
    event.put("processInstanceId", task.getProcessInstanceId());
    event.put("businessKey", task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey());
    event.put("at", Instant.now().toString());
    return event;
  }
}
