package io.github.albauth.spring.boot.autoconfigure.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when the application gives any of these {@code albauth.*} keys, or any key under them,
 * in any of Spring's spellings ({@code albauth.okta.org-url}, {@code albauth.okta.orgUrl}, {@code
 * ALBAUTH_OKTA_ORG_URL} are all under {@code albauth.okta}). Whether the values are valid is the
 * settings registry's to say, when the beans are built from them; but a key given exactly as
 * {@link #offValue()} (any case) counts as not given.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(AlbAuthKeysCondition.class)
public @interface ConditionalOnAlbAuthKeys {

  /**
   * The keys or key prefixes, in Spring's canonical form.
   *
   * @return e.g. {@code albauth.okta} or {@code albauth.sync.interval}
   */
  String[] value();

  /**
   * A value that turns a key off, such as {@code none}.
   *
   * @return the value; empty for none
   */
  String offValue() default "";
}
