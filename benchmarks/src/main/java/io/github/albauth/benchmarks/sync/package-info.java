/** UserSync benchmarks: full and no-change syncs of a large simulated directory. */
@NullMarked
package io.github.albauth.benchmarks.sync;

import org.jspecify.annotations.NullMarked;
