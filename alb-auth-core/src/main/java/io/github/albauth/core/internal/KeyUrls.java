package io.github.albauth.core.internal;

import io.github.albauth.core.AlbPublicKeySource;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Validates key URL templates and expands them. Stateless and thread-safe. */
public final class KeyUrls {
  private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}");
  private static final Pattern COMMERCIAL_REGION =
      Pattern.compile(
          "(us|eu|ap|sa|ca|me|af|il|mx)-(north|south|east|west|central|northeast|northwest|southeast|southwest)-[0-9]{1,2}");

  private KeyUrls() {}

  /**
   * Checks a template: {@code {kid}} present, only {@code {kid}}/{@code {region}} placeholders,
   * https (or http to a loopback host), no query or fragment.
   *
   * @param template the template
   * @return the template
   * @throws IllegalArgumentException saying what to fix
   */
  public static String validateTemplate(String template) {
    if (!template.contains("{kid}")) {
      throw new IllegalArgumentException(
          "public key url " + Texts.quote(template) + " has no {kid} placeholder; e.g. " + AlbPublicKeySource.COMMERCIAL_URL_TEMPLATE);
    }
    String probe = template.replace("{kid}", "00000000-0000-0000-0000-000000000000").replace("{region}", "us-east-1");
    if (probe.contains("{") || probe.contains("}")) {
      throw new IllegalArgumentException(
          "public key url " + Texts.quote(template) + " has an unknown placeholder; only {region} and {kid} exist");
    }
    URI uri;
    try {
      uri = new URI(probe);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("public key url " + Texts.quote(template) + " is not a valid url", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "public key url " + Texts.quote(template) + " needs a host and no query or fragment");
    }
    if (scheme.equals("https")) {
      return template;
    }
    if (scheme.equals("http") && isLoopback(uri.getHost())) {
      return template;
    }
    throw new IllegalArgumentException(
        "public key url " + Texts.quote(template) + " must use https (plain http is allowed only to a loopback host)");
  }

  private static boolean isLoopback(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    // Literal addresses only: never resolve names here.
    if (!h.matches("[0-9.]+") && !h.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /**
   * Tells whether a region name is well formed (never lets a configured region alter a URL).
   *
   * @param region the region
   * @return true if it looks like an AWS region
   */
  public static boolean isValidRegion(String region) {
    return REGION.matcher(region).matches();
  }

  /**
   * Returns the preset template for a region, if AWS documents one.
   *
   * @param region the region
   * @return the commercial or GovCloud template, or null (China, ISO and other partitions)
   */
  public static @Nullable String presetFor(String region) {
    if (region.startsWith("us-gov-")) {
      return AlbPublicKeySource.GOVCLOUD_URL_TEMPLATE;
    }
    if (COMMERCIAL_REGION.matcher(region).matches()) {
      return AlbPublicKeySource.COMMERCIAL_URL_TEMPLATE;
    }
    return null;
  }

  /**
   * Returns the preset template for a partition, if AWS documents one.
   *
   * @param partition the ARN partition
   * @return the commercial or GovCloud template, or null
   */
  public static @Nullable String presetForPartition(String partition) {
    return switch (partition) {
      case "aws" -> AlbPublicKeySource.COMMERCIAL_URL_TEMPLATE;
      case "aws-us-gov" -> AlbPublicKeySource.GOVCLOUD_URL_TEMPLATE;
      default -> null;
    };
  }

  /**
   * Expands a template.
   *
   * @param template a validated template
   * @param region a validated region
   * @param kid a validated key id
   * @return the key's URL
   */
  public static URI expand(String template, String region, String kid) {
    return URI.create(
        template
            .replace("{region}", region)
            .replace("{kid}", URLEncoder.encode(kid, StandardCharsets.UTF_8)));
  }
}
