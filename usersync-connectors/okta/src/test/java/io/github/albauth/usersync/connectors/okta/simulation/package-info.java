/** The WireMock simulation of Okta's API, for the connector's tests and for benchmarks/. */
@NullMarked
package io.github.albauth.usersync.connectors.okta.simulation;

import org.jspecify.annotations.NullMarked;
