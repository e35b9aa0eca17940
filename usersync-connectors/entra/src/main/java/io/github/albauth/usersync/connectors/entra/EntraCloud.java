package io.github.albauth.usersync.connectors.entra;

import java.net.URI;

/**
 * The Microsoft clouds as base-URL presets: where tokens come from and where Microsoft Graph
 * answers (https://learn.microsoft.com/en-us/graph/deployments).
 *
 * <p>Immutable and thread-safe.
 */
public enum EntraCloud {
  /** The global service (also Microsoft 365 GCC). */
  GLOBAL("https://login.microsoftonline.com", "https://graph.microsoft.com"),
  /** Azure US Government, Microsoft 365 GCC High. */
  US_GOVERNMENT("https://login.microsoftonline.us", "https://graph.microsoft.us"),
  /** Azure US Government, Microsoft 365 DoD. */
  US_GOVERNMENT_DOD("https://login.microsoftonline.us", "https://dod-graph.microsoft.us"),
  /** Azure and Microsoft 365 operated by 21Vianet in China. */
  CHINA("https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn");

  private final URI login;
  private final URI graph;

  EntraCloud(String login, String graph) {
    this.login = URI.create(login);
    this.graph = URI.create(graph);
  }

  /** {@return the Microsoft Entra ID (token service) root, e.g. {@code https://login.microsoftonline.com}} */
  public URI loginUrl() {
    return login;
  }

  /** {@return the Microsoft Graph root, e.g. {@code https://graph.microsoft.com}} */
  public URI graphUrl() {
    return graph;
  }
}
