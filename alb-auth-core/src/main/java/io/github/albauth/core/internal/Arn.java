package io.github.albauth.core.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed, configured load balancer ARN:
 * {@code arn:<partition>:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<id>}.
 *
 * @param text the ARN exactly as configured (compared verbatim with the token's {@code signer})
 * @param partition the partition ({@code aws}, {@code aws-us-gov}, {@code aws-cn}, ...)
 * @param region the region
 */
public record Arn(String text, String partition, String region) {
  private static final Pattern ARN =
      Pattern.compile(
          "arn:(aws[a-z-]*):elasticloadbalancing:([a-z]{2}(?:-[a-z]+)+-[0-9]+):[0-9]{12}:"
              + "loadbalancer/app/[A-Za-z0-9-]{1,32}/[0-9a-f]{1,32}");

  /**
   * Parses a configured ARN.
   *
   * @param text the ARN
   * @return the parsed ARN
   * @throws IllegalArgumentException with a message that shows the expected shape
   */
  public static Arn parse(String text) {
    Matcher m = ARN.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "signer "
              + Texts.quote(text)
              + " is not an application load balancer arn; expected"
              + " arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<id>");
    }
    return new Arn(m.group(0), m.group(1), m.group(2));
  }
}
