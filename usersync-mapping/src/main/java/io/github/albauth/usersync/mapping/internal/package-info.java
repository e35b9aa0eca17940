/**
 * Implementation of the attribute-mapping DSL: lexer and parser ({@link
 * io.github.albauth.usersync.mapping.internal.Parser}), syntax tree ({@link
 * io.github.albauth.usersync.mapping.internal.Expr}), the compiler to a tree of evaluation nodes
 * ({@link io.github.albauth.usersync.mapping.internal.Compiler}) and the function library ({@link
 * io.github.albauth.usersync.mapping.internal.Builtins}). No compatibility promise.
 */
@NullMarked
package io.github.albauth.usersync.mapping.internal;

import org.jspecify.annotations.NullMarked;
