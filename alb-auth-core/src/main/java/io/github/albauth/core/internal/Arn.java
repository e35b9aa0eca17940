package io.github.albauth.core.internal;

import java.util.Set;
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
  private static final Set<String> KNOWN_PARTITIONS = Set.of("aws", "aws-us-gov", "aws-cn");

  /**
   * Parses a configured ARN.
   *
   * @param text the ARN
   * @return the parsed ARN
   * @throws IllegalArgumentException with a message that shows the expected shape, or when the
   *     partition and the region disagree (aws-us-gov and us-gov-*, aws-cn and cn-*, aws and the rest)
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
    String partition = m.group(1);
    String region = m.group(2);
    String expected = partitionOf(region);
    if (KNOWN_PARTITIONS.contains(partition) && !partition.equals(expected)) {
      throw new IllegalArgumentException(
          "signer " + Texts.quote(text) + " has partition " + partition + " but region " + region
              + ", which is in partition " + expected + " (aws-us-gov goes with us-gov-*, aws-cn with cn-*,"
              + " aws with every other region); copy the arn from the load balancer's details page"
              + " or from aws elbv2 describe-load-balancers");
    }
    return new Arn(m.group(0), partition, region);
  }

  /** The partition of a commercial, GovCloud or China region (other partitions are not checked). */
  private static String partitionOf(String region) {
    if (region.startsWith("us-gov-")) {
      return "aws-us-gov";
    }
    return region.startsWith("cn-") ? "aws-cn" : "aws";
  }
}
