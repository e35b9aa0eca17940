package io.github.albauth.spring.boot.autoconfigure.internal;

import java.util.Map;
import java.util.Objects;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The condition of {@link ConditionalOnAlbAuthKeys}. Stateless and thread-safe. */
final class AlbAuthKeysCondition extends SpringBootCondition {

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context,
      AnnotatedTypeMetadata metadata) {
    Map<String, Object> attributes = Objects.requireNonNull(
        metadata.getAnnotationAttributes(ConditionalOnAlbAuthKeys.class.getName()));
    String[] keys = (String[]) Objects.requireNonNull(attributes.get("value"));
    String off = (String) Objects.requireNonNull(attributes.get("offValue"));
    for (String key : keys) {
      ConfigurationPropertyName name = ConfigurationPropertyName.of(key);
      // the first source that has the key decides, as Spring's precedence says
      for (ConfigurationPropertySource source :
          ConfigurationPropertySources.get(context.getEnvironment())) {
        ConfigurationProperty property = source.getConfigurationProperty(name);
        if (property != null) {
          if (off.isEmpty() || !off.equalsIgnoreCase(String.valueOf(property.getValue()).strip())) {
            return ConditionOutcome.match("albauth key " + key + " is given");
          }
          break;
        }
        if (source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
          return ConditionOutcome.match("albauth keys under " + key + " are given");
        }
      }
    }
    return ConditionOutcome.noMatch("none of the albauth keys " + String.join(", ", keys)
        + " is given");
  }
}
