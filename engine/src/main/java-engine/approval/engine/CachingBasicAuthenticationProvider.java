package approval.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletRequest;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

/**
 * HTTP basic authentication that remembers a successful check for a minute. The stock provider
 * costs three queries per request (password, groups, tenants); the workers call the API for every
 * fetch and every completion. Only successes are kept, keyed by a hash of the header (never the
 * password itself); a changed password takes effect within the minute, a restart clears all.
 * Written against Camunda 7; the Operaton build compiles a renamed copy (see engine/pom.xml).
 */
public class CachingBasicAuthenticationProvider extends HttpBasicAuthenticationProvider {

  private static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(60);
  private static final int MAX_ENTRIES = 1000;

  private record Entry(String userId, List<String> groups, List<String> tenants, long expiresAt) {}

  private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    String header = request.getHeader("Authorization");
    if (header == null) {
      return super.extractAuthenticatedUser(request, engine);
    }
    String key = engine.getName() + ':' + sha256(header);
    long now = System.nanoTime();
    Entry entry = cache.get(key);
    if (entry != null && now - entry.expiresAt() < 0) {
      return result(entry);
    }
    AuthenticationResult result = super.extractAuthenticatedUser(request, engine);
    if (result.isAuthenticated()) {
      IdentityService identity = engine.getIdentityService();
      String userId = result.getAuthenticatedUser();
      List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
      List<String> tenants = identity.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list().stream().map(Tenant::getId).toList();
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
      entry = new Entry(userId, groups, tenants, now + TTL_NANOS);
      cache.put(key, entry);
      return result(entry);
    }
    return result;
  }

  private static AuthenticationResult result(Entry entry) {
    AuthenticationResult result = AuthenticationResult.successful(entry.userId());
    result.setGroups(entry.groups());
    result.setTenants(entry.tenants());
    return result;
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
