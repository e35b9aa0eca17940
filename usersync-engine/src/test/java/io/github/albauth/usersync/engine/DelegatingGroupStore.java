package io.github.albauth.usersync.engine;

import io.github.albauth.usersync.GroupStore;
import io.github.albauth.usersync.StoredGroup;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.Optional;
import java.util.stream.Stream;

/** A store with groups that forwards to the in-memory store, for tests that inject failures. */
class DelegatingGroupStore extends DelegatingStore implements GroupStore {

  private final InMemoryUserStore delegate;

  DelegatingGroupStore(InMemoryUserStore delegate) {
    super(delegate);
    this.delegate = delegate;
  }

  @Override
  public Optional<StoredGroup> findGroup(String name) {
    return delegate.findGroup(name);
  }

  @Override
  public void createGroup(StoredGroup group) {
    delegate.createGroup(group);
  }

  @Override
  public void renameGroup(String name, String newName) {
    delegate.renameGroup(name, newName);
  }

  @Override
  public void addMember(String group, String username) {
    delegate.addMember(group, username);
  }

  @Override
  public void addManagedMember(String group, String username, String source) {
    delegate.addManagedMember(group, username, source);
  }

  @Override
  public Stream<String> managedMembers(String group, String source) {
    return delegate.managedMembers(group, source);
  }

  @Override
  public Stream<String> managedMemberships(String username, String source) {
    return delegate.managedMemberships(username, source);
  }

  @Override
  public void removeMember(String group, String username) {
    delegate.removeMember(group, username);
  }

  @Override
  public Stream<String> members(String group) {
    return delegate.members(group);
  }

  @Override
  public Stream<String> groupsOf(String username) {
    return delegate.groupsOf(username);
  }

  @Override
  public Stream<StoredGroup> managedGroups(String source) {
    return delegate.managedGroups(source);
  }
}
