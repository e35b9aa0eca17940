/**
 * The Okta connector: {@link io.github.albauth.usersync.connectors.okta.OktaSource}, configured by
 * {@link io.github.albauth.usersync.connectors.okta.OktaConfig}.
 */
@NullMarked
package io.github.albauth.usersync.connectors.okta;

import org.jspecify.annotations.NullMarked;
