/**
 * The registry of {@code albauth.*} configuration keys: each key declared once ({@link
 * io.github.albauth.settings.Setting}) by the module that reads it ({@link
 * io.github.albauth.settings.SettingsProvider}), one parser with one message style, unknown keys
 * refused with the nearest valid one, {@code ALBAUTH_*} environment variables mapped onto the same
 * keys, and the precedence rule between code and configuration ({@link
 * io.github.albauth.settings.Precedence}).
 */
@NullMarked
package io.github.albauth.settings;

import org.jspecify.annotations.NullMarked;
