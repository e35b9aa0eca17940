package io.github.albauth.spring.boot.autoconfigure.sync;

import io.github.albauth.usersync.engine.SyncEngine;

/**
 * Adds to the auto-configured {@link SyncEngine}s (the directory sync engine and the engine that
 * provisions users just in time at login) what {@code albauth.sync.*} keys cannot say: a filter,
 * a shared lock and state store for a cluster, a clock, {@code onMissing} policies. Every bean of
 * this type is applied to every engine the auto-configuration builds, in {@link
 * org.springframework.core.annotation.Order} order, after the keys and before {@code build()}; an
 * option the keys already set cannot be set again ({@code IllegalStateException}).
 *
 * <p>For example: {@code @Bean SyncEngineCustomizer clusterLock(JdbcSyncLock lock) { return
 * (purpose, engine) -> engine.lock(lock); }}
 */
@FunctionalInterface
public interface SyncEngineCustomizer {

  /** Which auto-configured engine is being built. */
  enum Purpose {
    /** The engine that syncs the directory source (also used by login-time lookups). */
    DIRECTORY_SYNC,
    /** The engine that provisions users just in time from the token's claims at login. */
    LOGIN
  }

  /**
   * Customizes an engine's builder.
   *
   * @param purpose which engine
   * @param builder its builder, already configured from the keys and the application's beans
   */
  void customize(Purpose purpose, SyncEngine.Builder builder);
}
