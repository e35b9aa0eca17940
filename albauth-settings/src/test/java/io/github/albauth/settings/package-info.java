@NullMarked
package io.github.albauth.settings;

import org.jspecify.annotations.NullMarked;
