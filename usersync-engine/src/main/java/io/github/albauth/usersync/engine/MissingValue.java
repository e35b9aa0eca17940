package io.github.albauth.usersync.engine;

/** What the engine does when a mapping expression yields nothing for an attribute. */
public enum MissingValue {
  /** Use the source record's attribute of the same name, when it has a usable value. */
  SOURCE_VALUE,
  /** Leave the stored attribute as it is (the default). */
  LEAVE_UNCHANGED,
  /** Remove the stored attribute. */
  CLEAR,
  /** Skip the user (it counts as not returned, so cleanup applies in a full sync). */
  SKIP_USER
}
