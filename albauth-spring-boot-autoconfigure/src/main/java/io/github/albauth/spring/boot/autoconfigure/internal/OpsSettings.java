package io.github.albauth.spring.boot.autoconfigure.internal;

import io.github.albauth.settings.Setting;
import io.github.albauth.settings.SettingsProvider;
import java.time.Duration;
import java.util.List;

/**
 * The declarations of the Spring Boot integration's keys for login-time provisioning, directory
 * sync and health checks. Spring-free, so that the registry can load it wherever the jar is.
 * Stateless and thread-safe.
 */
public final class OpsSettings implements SettingsProvider {

  /** {@code albauth.provisioning.mode}: no provisioning. */
  public static final String MODE_NONE = "none";
  /** {@code albauth.provisioning.mode}: just in time, from the token's claims. */
  public static final String MODE_JIT = "jit";
  /** {@code albauth.provisioning.mode}: looked up in the directory. */
  public static final String MODE_LOOKUP = "lookup";
  /** The source id of users provisioned just in time when no directory is synced. */
  public static final String DEFAULT_JIT_SOURCE_ID = "alb";

  /** {@code albauth.provisioning.mode}. */
  public static final Setting<String> PROVISIONING_MODE = Setting.choice(
      "albauth.provisioning.mode", List.of(MODE_NONE, MODE_JIT, MODE_LOOKUP), MODE_NONE,
      "Spring Boot, with a `UserStore` bean: create or update the user at login, `jit` from the"
          + " token's claims or `lookup` in the synced directory");
  /** {@code albauth.provisioning.source-id}. */
  public static final Setting<String> PROVISIONING_SOURCE_ID = Setting.text(
      "albauth.provisioning.source-id", "the synced directory's id, else alb",
      "Spring Boot, `jit`: the source id the users provisioned at login are stored under");
  /** {@code albauth.provisioning.id-claim}. */
  public static final Setting<String> PROVISIONING_ID_CLAIM = Setting.text(
      "albauth.provisioning.id-claim", "sub",
      "Spring Boot, `jit`: the claim holding the user's immutable id (Entra: `oid`, as the"
          + " directory's)");
  /** {@code albauth.provisioning.lookup-claim}. */
  public static final Setting<String> PROVISIONING_LOOKUP_CLAIM = Setting.text(
      "albauth.provisioning.lookup-claim", "email",
      "Spring Boot, `lookup`: the token claim to look the user up by (`email` only when"
          + " `email_verified`)");
  /** {@code albauth.provisioning.lookup-attribute}. */
  public static final Setting<String> PROVISIONING_LOOKUP_ATTRIBUTE = Setting.text(
      "albauth.provisioning.lookup-attribute", "the lookup claim",
      "Spring Boot, `lookup`: the directory attribute the claim matches (Entra: `mail`)");

  /** {@code albauth.sync.source}. */
  public static final Setting<String> SYNC_SOURCE = Setting.text("albauth.sync.source",
      "the only directory source", "Spring Boot: the id of the directory source to sync when"
          + " there are several");
  /** {@code albauth.sync.mode}. */
  public static final Setting<String> SYNC_MODE = Setting.choice("albauth.sync.mode",
      List.of("full", "delta"), "full", "Spring Boot: what a scheduled sync runs (`delta` needs"
          + " a source with deltas and runs a full sync first)");
  /** {@code albauth.sync.interval}. */
  public static final Setting<Duration> SYNC_INTERVAL = Setting.duration("albauth.sync.interval",
      Duration.ofMinutes(1), Duration.ofDays(7), "none",
      "Spring Boot: run the sync this long after the previous run ended (and after startup)");
  /** {@code albauth.sync.cron}. */
  public static final Setting<String> SYNC_CRON = Setting.text("albauth.sync.cron", "none",
      "Spring Boot: run the sync on this five-field cron expression (`0 2 * * *`), instead of"
          + " an interval");
  /** {@code albauth.sync.zone}. */
  public static final Setting<String> SYNC_ZONE = Setting.text("albauth.sync.zone", "UTC",
      "Spring Boot: the time zone `albauth.sync.cron` is read in");
  /** {@code albauth.sync.preset}. */
  public static final Setting<String> SYNC_PRESET = Setting.choice("albauth.sync.preset",
      List.of("cognito", "entra", "okta", "google", "keycloak", "onelogin", "other"),
      "the source id's, else other",
      "Spring Boot: the directory preset that maps the source's user records");
  /** {@code albauth.sync.mapping.<attribute>}. */
  public static final Setting<String> SYNC_MAPPING = Setting.family("albauth.sync.mapping.",
      "Spring Boot: a mapping-DSL expression per attribute for the directory's user records, over"
          + " the preset's");
  /** {@code albauth.sync.cleanup}. */
  public static final Setting<String> SYNC_CLEANUP = Setting.choice("albauth.sync.cleanup",
      List.of("disable", "delete", "anonymize", "keep"), "disable",
      "Spring Boot: what happens to users the directory no longer returns");
  /** {@code albauth.sync.max-deprovisions}. */
  public static final Setting<Integer> SYNC_MAX_DEPROVISIONS = Setting.integer(
      "albauth.sync.max-deprovisions", 0, 1_000_000, "500",
      "Spring Boot: a run that would deprovision more users deprovisions nobody");
  /** {@code albauth.sync.max-deprovision-percent}. */
  public static final Setting<Integer> SYNC_MAX_DEPROVISION_PERCENT = Setting.integer(
      "albauth.sync.max-deprovision-percent", 0, 100, "25",
      "Spring Boot: the same, as a share of the active managed users (runs of at most 5 are"
          + " exempt)");
  /** {@code albauth.sync.groups}. */
  public static final Setting<Boolean> SYNC_GROUPS = Setting.bool("albauth.sync.groups", "false",
      "Spring Boot: also sync the directory's groups and memberships (needs a `GroupStore`)");
  /** {@code albauth.sync.default-groups}. */
  public static final Setting<List<String>> SYNC_DEFAULT_GROUPS = Setting.list(
      "albauth.sync.default-groups", "none",
      "Spring Boot: groups every user provisioned by sync or at login gets (needs a `GroupStore`)");
  /** {@code albauth.sync.protected-users}. */
  public static final Setting<List<String>> SYNC_PROTECTED_USERS = Setting.list(
      "albauth.sync.protected-users", "none", "Spring Boot: usernames cleanup never touches");
  /** {@code albauth.sync.protected-groups}. */
  public static final Setting<List<String>> SYNC_PROTECTED_GROUPS = Setting.list(
      "albauth.sync.protected-groups", "none",
      "Spring Boot: groups whose memberships the sync never changes");

  /** {@code albauth.health.key-endpoint.probe-interval}. */
  public static final Setting<Duration> HEALTH_KEY_PROBE_INTERVAL = Setting.duration(
      "albauth.health.key-endpoint.probe-interval", Duration.ZERO, Duration.ofHours(1), "PT30S",
      "Spring Boot health: while the ALB key endpoint is not known to answer, ask it at most this"
          + " often, in the background (`PT0S`: never)");
  /** {@code albauth.health.directory.probe-interval}. */
  public static final Setting<Duration> HEALTH_DIRECTORY_PROBE_INTERVAL = Setting.duration(
      "albauth.health.directory.probe-interval", Duration.ZERO, Duration.ofDays(1), "PT5M",
      "Spring Boot health: ask each directory source at most this often, in the background, with"
          + " one lookup of a user that does not exist (`PT0S`: never)");

  private static final List<Setting<?>> ALL = List.of(PROVISIONING_MODE, PROVISIONING_SOURCE_ID,
      PROVISIONING_ID_CLAIM, PROVISIONING_LOOKUP_CLAIM, PROVISIONING_LOOKUP_ATTRIBUTE, SYNC_SOURCE,
      SYNC_MODE, SYNC_INTERVAL, SYNC_CRON, SYNC_ZONE, SYNC_PRESET, SYNC_MAPPING, SYNC_CLEANUP,
      SYNC_MAX_DEPROVISIONS, SYNC_MAX_DEPROVISION_PERCENT, SYNC_GROUPS, SYNC_DEFAULT_GROUPS,
      SYNC_PROTECTED_USERS, SYNC_PROTECTED_GROUPS, HEALTH_KEY_PROBE_INTERVAL,
      HEALTH_DIRECTORY_PROBE_INTERVAL);

  /** For {@link java.util.ServiceLoader}. */
  public OpsSettings() {}

  @Override
  public String module() {
    return "albauth-spring-boot-autoconfigure";
  }

  @Override
  public List<Setting<?>> settings() {
    return ALL;
  }
}
