/** The WireMock simulation of OneLogin's API v2, for the connector's tests and for benchmarks/. */
@NullMarked
package io.github.albauth.usersync.connectors.onelogin.simulation;

import org.jspecify.annotations.NullMarked;
