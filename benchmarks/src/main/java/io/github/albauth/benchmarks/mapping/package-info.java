/** Benchmarks of the attribute-mapping DSL against Apache Commons JEXL. */
@NullMarked
package io.github.albauth.benchmarks.mapping;

import org.jspecify.annotations.NullMarked;
