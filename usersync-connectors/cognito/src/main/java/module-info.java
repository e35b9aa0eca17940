/**
 * Amazon Cognito user pools for UserSync, both ways: a directory source and a user/group store
 * that provisions users into a pool, through the AWS SDK for Java v2.
 */
module io.github.albauth.usersync.connectors.cognito {
  requires transitive io.github.albauth.usersync.spi;
  requires transitive io.github.albauth.usersync.connectors.support;
  requires transitive software.amazon.awssdk.services.cognitoidentityprovider;
  requires transitive software.amazon.awssdk.auth;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.regions;
  requires software.amazon.awssdk.http.urlconnection;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.retries;
  requires software.amazon.awssdk.retries.api;
  requires io.github.albauth.settings;
  requires static transitive org.jspecify;

  exports io.github.albauth.usersync.connectors.cognito;

  provides io.github.albauth.settings.SettingsProvider
      with io.github.albauth.usersync.connectors.cognito.internal.CognitoSettings;
}
