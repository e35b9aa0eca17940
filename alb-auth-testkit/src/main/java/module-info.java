/**
 * For tests: mint ALB-exact tokens, serve keys on loopback with injectable faults, and a JUnit 5
 * extension that hands them to test methods. JUnit is needed only for the extension.
 */
module io.github.albauth.testkit {
  requires jdk.httpserver;
  requires static transitive org.jspecify;
  requires static org.junit.jupiter.api;

  exports io.github.albauth.testkit;
}
