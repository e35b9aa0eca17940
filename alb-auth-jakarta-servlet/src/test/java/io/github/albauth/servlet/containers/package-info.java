/** Real servlet containers (Jetty 12 ee10, Tomcat 10.1) started in-process for integration tests. */
@NullMarked
package io.github.albauth.servlet.containers;

import org.jspecify.annotations.NullMarked;
