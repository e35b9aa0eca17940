/** A WireMock simulation of Google's token endpoint and Admin SDK Directory API. */
@NullMarked
package io.github.albauth.usersync.connectors.google.simulation;

import org.jspecify.annotations.NullMarked;
