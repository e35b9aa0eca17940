/**
 * What the directory connectors share: {@link io.github.albauth.usersync.connectors.support.ApiClient}
 * (JSON over {@code java.net.http} with timeouts, bounded retries that honour {@code Retry-After}
 * and rate-limit headers, and pacing before a limit is hit), {@link
 * io.github.albauth.usersync.connectors.support.Paging} (next links, {@code Link} headers, page
 * tokens, offsets and cursors, with the next page prefetched), and {@link
 * io.github.albauth.usersync.connectors.support.ClientCredentials} (an OAuth 2.0 client-credentials
 * token cache with client secrets or {@code private_key_jwt}).
 */
@NullMarked
package io.github.albauth.usersync.connectors.support;

import org.jspecify.annotations.NullMarked;
