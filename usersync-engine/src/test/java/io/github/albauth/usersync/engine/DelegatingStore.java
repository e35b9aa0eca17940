package io.github.albauth.usersync.engine;

import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.UserUpdate;
import java.util.Optional;
import java.util.stream.Stream;

/** A store that forwards to another, for tests that inject failures or pauses. */
class DelegatingStore implements UserStore {

  private final UserStore delegate;

  DelegatingStore(UserStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<StoredUser> findByUsername(String username) {
    return delegate.findByUsername(username);
  }

  @Override
  public Optional<StoredUser> findByExternalId(String source, String externalId) {
    return delegate.findByExternalId(source, externalId);
  }

  @Override
  public void create(StoredUser user) {
    delegate.create(user);
  }

  @Override
  public void update(String username, UserUpdate update) {
    delegate.update(username, update);
  }

  @Override
  public void deactivate(String username) {
    delegate.deactivate(username);
  }

  @Override
  public void reactivate(String username) {
    delegate.reactivate(username);
  }

  @Override
  public Stream<StoredUser> managedBy(String source) {
    return delegate.managedBy(source);
  }
}
