package approval.engine;

import java.util.ArrayList;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.bpmn.behavior.MultiInstanceActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.behavior.ParallelMultiInstanceActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.behavior.SequentialMultiInstanceActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The deployment policy's multi-instance bound, held by the engine itself: no multi-instance
 * activity runs more than POLICY_MAX_INSTANCES instances (default 200, the server's setting of the
 * same name), whatever its cardinality or collection evaluates to at run time. The lint can only
 * judge what a model says (contract/bpmn/lint/rules/resource-bounds.ts); a cardinality read from a
 * variable gets its number later, from a form, a situation answer or an operator's correction.
 *
 * Every multi-instance body is given the engine's own behaviour with one check added: where the
 * engine resolves the number of instances (resolveNrOfInstances, the cardinality or the
 * collection's size) and where one more instance is started in a running body (createInnerInstance:
 * a process instance modification, 加签). Over the bound, the command fails with a
 * ProcessEngineException naming the activity and both numbers, and nothing of it is written: the
 * REST call that led there answers the error, a job or an external task's completion fails and
 * ends as an incident. The bodies of processes deployed before are checked too (the engine parses
 * them again when it loads them). Written against Camunda 7; the Operaton build compiles a renamed
 * copy (see engine/pom.xml).
 */
@Component
public class MultiInstanceBoundPlugin extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(MultiInstanceBoundPlugin.class);
  static final String SETTING = "POLICY_MAX_INSTANCES";
  static final int DEFAULT_MAX = 200;

  private final int max;

  public MultiInstanceBoundPlugin() {
    this(maxFrom(System.getenv(SETTING)));
  }

  MultiInstanceBoundPlugin(int max) {
    this.max = max;
  }

  /** The bound from its setting: a whole number from 1 to 10 000 (as the server's configuration takes it), else the engine does not start. */
  static int maxFrom(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_MAX;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= 1 && parsed <= 10_000) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalStateException(SETTING + " must be a whole number from 1 to 10000, got \"" + value + "\"");
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseMultiInstanceLoopCharacteristics(Element activityElement, Element loop, ActivityImpl body) {
        if (!(body.getActivityBehavior() instanceof MultiInstanceActivityBehavior parsed)) {
          return;
        }
        String activityId = activityElement.attribute("id");
        MultiInstanceActivityBehavior bounded = parsed instanceof SequentialMultiInstanceActivityBehavior
            ? new BoundedSequential(new Bound(activityId, max))
            : new BoundedParallel(new Bound(activityId, max));
        bounded.setLoopCardinalityExpression(parsed.getLoopCardinalityExpression());
        bounded.setCompletionConditionExpression(parsed.getCompletionConditionExpression());
        bounded.setCollectionExpression(parsed.getCollectionExpression());
        bounded.setCollectionVariable(parsed.getCollectionVariable());
        bounded.setCollectionElementVariable(parsed.getCollectionElementVariable());
        body.setActivityBehavior(bounded);
      }
    });
    LOG.info("multi-instance activities run at most {} instances ({})", max, SETTING);
  }

  /** The check, with the activity it belongs to. */
  record Bound(String activityId, int max) {
    int check(int instances) {
      if (instances > max) {
        throw new ProcessEngineException("approval policy: the multi-instance activity '" + activityId + "' asks for " + instances
            + " instances; at most " + max + " may run (" + SETTING + ")");
      }
      return instances;
    }
  }

  static class BoundedParallel extends ParallelMultiInstanceActivityBehavior {
    private final Bound bound;

    BoundedParallel(Bound bound) {
      this.bound = bound;
    }

    @Override
    protected int resolveNrOfInstances(ActivityExecution execution) {
      return bound.check(super.resolveNrOfInstances(execution));
    }

    @Override
    public ActivityExecution createInnerInstance(ActivityExecution scopeExecution) {
      Integer running = getLoopVariable(scopeExecution, NUMBER_OF_INSTANCES);
      bound.check((running == null ? 0 : running) + 1);
      return super.createInnerInstance(scopeExecution);
    }
  }

  static class BoundedSequential extends SequentialMultiInstanceActivityBehavior {
    private final Bound bound;

    BoundedSequential(Bound bound) {
      this.bound = bound;
    }

    @Override
    protected int resolveNrOfInstances(ActivityExecution execution) {
      return bound.check(super.resolveNrOfInstances(execution));
    }

    @Override
    public ActivityExecution createInnerInstance(ActivityExecution scopeExecution) {
      Integer running = getLoopVariable(scopeExecution, NUMBER_OF_INSTANCES);
      bound.check((running == null ? 0 : running) + 1);
      return super.createInnerInstance(scopeExecution);
    }
  }
}
