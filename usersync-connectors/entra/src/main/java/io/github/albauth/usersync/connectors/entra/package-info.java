/**
 * The Microsoft Entra ID connector: {@link io.github.albauth.usersync.connectors.entra.EntraSource},
 * configured by {@link io.github.albauth.usersync.connectors.entra.EntraConfig}.
 */
@NullMarked
package io.github.albauth.usersync.connectors.entra;

import org.jspecify.annotations.NullMarked;
