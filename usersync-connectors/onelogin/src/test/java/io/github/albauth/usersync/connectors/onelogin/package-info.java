/** Tests of the OneLogin connector. */
@NullMarked
package io.github.albauth.usersync.connectors.onelogin;

import org.jspecify.annotations.NullMarked;
