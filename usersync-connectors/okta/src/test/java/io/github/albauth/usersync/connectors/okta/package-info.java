/** Tests of the Okta connector. */
@NullMarked
package io.github.albauth.usersync.connectors.okta;

import org.jspecify.annotations.NullMarked;
