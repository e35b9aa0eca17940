/** Round trips of the directory connectors against WireMock simulations of the vendors' APIs. */
@NullMarked
package io.github.albauth.benchmarks.connectors;

import org.jspecify.annotations.NullMarked;
