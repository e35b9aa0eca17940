/**
 * Login-time provisioning and scheduled directory sync as beans: the directory connectors from
 * {@code albauth.<idp>.*} keys, the sync engine, its scheduler and the login provisioner, built
 * around the application's {@code UserStore} bean ({@link
 * io.github.albauth.spring.boot.autoconfigure.sync.AlbAuthSyncAutoConfiguration}); {@link
 * io.github.albauth.spring.boot.autoconfigure.sync.SyncEngineCustomizer} for what keys cannot say.
 */
@NullMarked
package io.github.albauth.spring.boot.autoconfigure.sync;

import org.jspecify.annotations.NullMarked;
