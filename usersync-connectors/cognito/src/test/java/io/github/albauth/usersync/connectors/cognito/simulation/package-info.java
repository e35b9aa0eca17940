/** A WireMock simulation of the Cognito user pools API, for the connector's tests and benchmarks. */
@NullMarked
package io.github.albauth.usersync.connectors.cognito.simulation;

import org.jspecify.annotations.NullMarked;
