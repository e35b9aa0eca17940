/** Tests of the Microsoft Entra ID connector. */
@NullMarked
package io.github.albauth.usersync.connectors.entra;

import org.jspecify.annotations.NullMarked;
