/** The WireMock simulation of Microsoft Graph, for the connector's tests and for benchmarks/. */
@NullMarked
package io.github.albauth.usersync.connectors.entra.simulation;

import org.jspecify.annotations.NullMarked;
