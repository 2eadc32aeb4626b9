package approval.engine;

import java.util.HashMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.rest.impl.FetchAndLockContextListener;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.spi.FetchAndLockHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * REST basic authentication and the service account. Written against Camunda 7; the Operaton build
 * compiles a copy with the engine's names rewritten (see engine/pom.xml, profile operaton).
 */
@Configuration
public class FlavourConfig {

  private static final Logger LOG = LoggerFactory.getLogger(FlavourConfig.class);

  /** Every /engine-rest request needs HTTP basic credentials of a user in the engine's identity tables. */
  @Bean
  public FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("engine-rest-authentication");
    registration.addInitParameter("authentication-provider", CachingBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(1);
    return registration;
  }

  /**
   * On shutdown, answer pending fetchAndLock long polls at once (the handler rejects them) instead
   * of letting the graceful-shutdown budget run out on them. ContextClosedEvent comes before the
   * web server's graceful shutdown; the servlet context's own shutdown call later is then a no-op.
   */
  @EventListener(ContextClosedEvent.class)
  public void endLongPolls() {
    FetchAndLockHandler handler = FetchAndLockContextListener.getFetchAndLockHandler();
    if (handler != null) {
      handler.shutdown();
    }
  }

  /**
   * Expressions in a process see its variables and the engine's own names, never a Spring bean:
   * without this, ${dataSource} or ${processEngineConfiguration} in a task name would reach the
   * host's beans. The second line behind the deployment policy's allow-list (contract/bpmn/lint).
   */
  @Bean
  public ProcessEnginePlugin noBeansInExpressions() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        // the Spring factory bean has already made a SpringExpressionManager over every bean of the
        // host before any plugin runs: replace it with the engine's own, over no bean at all
        configuration.setBeans(new HashMap<>());
        configuration.setExpressionManager(new JuelExpressionManager(configuration.getBeans()));
      }
    };
  }

  /** Runs right after the engine is built, before the web server accepts requests. */
  @Bean
  public ProcessEnginePlugin serviceAccountPlugin() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void postProcessEngineBuild(ProcessEngine engine) {
        String userId = System.getenv("ENGINE_USER");
        String password = System.getenv("ENGINE_PASSWORD");
        // several engine nodes may start at once on one database: a lost insert race shows up as
        // a constraint violation, and the next attempt finds the rows the other node wrote
        for (int attempt = 1; ; attempt++) {
          try {
            ensureServiceAccount(engine.getIdentityService(), userId, password);
            return;
          } catch (RuntimeException e) {
            if (attempt >= 3) {
              throw e;
            }
            LOG.warn("setting up service account {} failed (attempt {}), retrying: {}", userId, attempt, e.getMessage());
            try {
              Thread.sleep(500L * attempt);
            } catch (InterruptedException ie) {
              Thread.currentThread().interrupt();
              throw e;
            }
          }
        }
      }
    };
  }

  static void ensureServiceAccount(IdentityService identity, String userId, String password) {
    // camunda-admin; the Operaton build renames the constant to OPERATON_ADMIN (operaton-admin)
    String groupId = Groups.CAMUNDA_ADMIN;
    if (identity.createGroupQuery().groupId(groupId).singleResult() == null) {
      Group group = identity.newGroup(groupId);
      group.setName("Administrators");
      group.setType(Groups.GROUP_TYPE_SYSTEM);
      identity.saveGroup(group);
      LOG.info("created group {}", groupId);
    }
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      user = identity.newUser(userId);
      user.setFirstName(userId);
      user.setLastName("service account");
      user.setPassword(password);
      identity.saveUser(user);
      LOG.info("created service account {}", userId);
    } else if (!identity.checkPassword(userId, password)) {
      // the failed check counted as a failed login and updated the row: save over a fresh copy
      user = identity.createUserQuery().userId(userId).singleResult();
      user.setPassword(password);
      identity.saveUser(user);
      LOG.info("updated the password of service account {}", userId);
    }
    if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identity.createMembership(userId, groupId);
      LOG.info("added {} to group {}", userId, groupId);
    }
    // clears failed-login counters and locks (from checkPassword above, or from older settings)
    identity.unlockUser(userId);
  }
}
