/**
 * The OneLogin connector: {@link io.github.albauth.usersync.connectors.onelogin.OneLoginSource},
 * configured by {@link io.github.albauth.usersync.connectors.onelogin.OneLoginConfig}; {@link
 * io.github.albauth.usersync.connectors.onelogin.OneLoginStatus} and {@link
 * io.github.albauth.usersync.connectors.onelogin.OneLoginState} say which users count as active.
 */
@NullMarked
package io.github.albauth.usersync.connectors.onelogin;

import org.jspecify.annotations.NullMarked;
