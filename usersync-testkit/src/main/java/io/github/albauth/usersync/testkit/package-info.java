/**
 * The store compliance kit: extend {@link io.github.albauth.usersync.testkit.UserStoreComplianceTest}
 * in your own tests to check that a {@link io.github.albauth.usersync.UserStore} behaves as the sync
 * engine needs.
 */
@NullMarked
package io.github.albauth.usersync.testkit;

import org.jspecify.annotations.NullMarked;
