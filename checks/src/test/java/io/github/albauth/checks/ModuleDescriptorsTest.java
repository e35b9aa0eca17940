package io.github.albauth.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The published modules as a user on the module path sees them: each jar carries a module
 * descriptor that exports its API packages and no implementation package, and together with their
 * dependencies they resolve and run.
 */
class ModuleDescriptorsTest {

  /** Module name to the packages it exports to everyone. */
  private static final Map<String, Set<String>> API = Map.ofEntries(
      Map.entry("io.github.albauth.settings", Set.of("io.github.albauth.settings")),
      Map.entry("io.github.albauth.core", Set.of("io.github.albauth.core")),
      Map.entry("io.github.albauth.testkit", Set.of("io.github.albauth.testkit")),
      Map.entry("io.github.albauth.usersync.spi", Set.of("io.github.albauth.usersync")),
      Map.entry("io.github.albauth.usersync.mapping", Set.of("io.github.albauth.usersync.mapping")),
      Map.entry("io.github.albauth.usersync.engine", Set.of(
          "io.github.albauth.usersync.engine",
          "io.github.albauth.usersync.source",
          "io.github.albauth.usersync.store")),
      Map.entry("io.github.albauth.usersync.testkit", Set.of("io.github.albauth.usersync.testkit")),
      Map.entry("io.github.albauth.usersync.connectors.support",
          Set.of("io.github.albauth.usersync.connectors.support")),
      Map.entry("io.github.albauth.usersync.connectors.okta",
          Set.of("io.github.albauth.usersync.connectors.okta")),
      Map.entry("io.github.albauth.usersync.connectors.entra",
          Set.of("io.github.albauth.usersync.connectors.entra")),
      Map.entry("io.github.albauth.usersync.connectors.keycloak",
          Set.of("io.github.albauth.usersync.connectors.keycloak")),
      Map.entry("io.github.albauth.usersync.connectors.onelogin",
          Set.of("io.github.albauth.usersync.connectors.onelogin")),
      Map.entry("io.github.albauth.usersync.connectors.google",
          Set.of("io.github.albauth.usersync.connectors.google")),
      Map.entry("io.github.albauth.usersync.connectors.cognito",
          Set.of("io.github.albauth.usersync.connectors.cognito")),
      Map.entry("io.github.albauth.servlet", Set.of("io.github.albauth.servlet")));

  private static final List<String> OUR_CLASSES = List.of(
      "io.github.albauth.settings.SettingsRegistry",
      "io.github.albauth.core.AlbTokenVerifier",
      "io.github.albauth.testkit.AlbKeyServer",
      "io.github.albauth.usersync.UserStore",
      "io.github.albauth.usersync.mapping.AttributeMapping",
      "io.github.albauth.usersync.engine.SyncEngine",
      "io.github.albauth.usersync.testkit.UserStoreComplianceTest",
      "io.github.albauth.usersync.connectors.support.ApiClient",
      "io.github.albauth.usersync.connectors.okta.OktaSource",
      "io.github.albauth.usersync.connectors.entra.EntraSource",
      "io.github.albauth.usersync.connectors.keycloak.KeycloakSource",
      "io.github.albauth.usersync.connectors.onelogin.OneLoginSource",
      "io.github.albauth.usersync.connectors.google.GoogleSource",
      "io.github.albauth.usersync.connectors.cognito.CognitoSource",
      "io.github.albauth.servlet.AlbAuthenticationFilter");

  private static final List<String> THEIR_CLASSES = List.of(
      "org.jspecify.annotations.NullMarked",
      "org.slf4j.Logger",
      "com.google.re2j.Pattern",
      "jakarta.servlet.Filter",
      "org.junit.jupiter.api.Test",
      "org.junit.platform.commons.util.ReflectionUtils",
      "org.opentest4j.AssertionFailedError",
      "org.apiguardian.api.API",
      // the connectors' dependencies
      "com.fasterxml.jackson.databind.ObjectMapper",
      "com.fasterxml.jackson.core.JsonParser",
      "com.fasterxml.jackson.annotation.JsonProperty",
      "com.nimbusds.jose.JWSObject",
      // the Cognito connector's: the AWS SDK for Java v2 modules it requires (automatic modules)
      "software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient",
      "software.amazon.awssdk.auth.credentials.AwsCredentialsProvider",
      "software.amazon.awssdk.awscore.AwsRequest",
      "software.amazon.awssdk.core.SdkClient",
      "software.amazon.awssdk.regions.Region",
      "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient",
      "software.amazon.awssdk.http.SdkHttpClient",
      "software.amazon.awssdk.retries.StandardRetryStrategy",
      "software.amazon.awssdk.retries.api.RetryStrategy");

  @Test
  void everyPublishedModuleExportsItsApiPackagesOnly() throws Exception {
    for (String className : OUR_CLASSES) {
      ModuleDescriptor descriptor = descriptorOf(locate(className));
      Set<String> exported = descriptor.exports().stream()
          .filter(e -> !e.isQualified())
          .map(ModuleDescriptor.Exports::source)
          .collect(Collectors.toSet());
      assertThat(API).as("module of %s", className).containsKey(descriptor.name());
      assertThat(exported).as(descriptor.name()).isEqualTo(API.get(descriptor.name()));
      assertThat(descriptor.packages())
          .as("%s keeps its implementation packages", descriptor.name())
          .filteredOn(p -> p.contains(".internal"))
          .doesNotContainAnyElementsOf(exported);
      assertThat(descriptor.isOpen()).as("%s is not open", descriptor.name()).isFalse();
    }
  }

  /**
   * The Spring Boot modules are automatic modules on purpose: Spring Boot applications run on the
   * class path, Spring Boot's own jars carry only an {@code Automatic-Module-Name}, and Spring
   * instantiates auto-configuration classes reflectively. A stable name still lets a modular
   * application require them.
   */
  @Test
  void theSpringBootModulesAreNamedAutomaticModules() throws Exception {
    Map<String, String> jars = Map.of(
        "io.github.albauth.spring.boot.autoconfigure",
        "io.github.albauth.spring.boot.autoconfigure.AlbAuthAutoConfiguration",
        "io.github.albauth.spring.boot.starter", "albauth-spring-boot-starter");
    for (Map.Entry<String, String> jar : jars.entrySet()) {
      Path location = jar.getValue().contains(".") ? locate(jar.getValue())
          : locateJar(jar.getValue());
      Set<ModuleReference> found = ModuleFinder.of(location).findAll();
      assertThat(found).as("one module at %s", location).hasSize(1);
      ModuleDescriptor descriptor = found.iterator().next().descriptor();
      assertThat(descriptor.isAutomatic()).as("%s has no module-info.class", location).isTrue();
      assertThat(descriptor.name()).isEqualTo(jar.getKey());
    }
  }

  @Test
  void implementationPackagesAreNotExported() throws Exception {
    ModuleLayer layer = layerOf(finder(OUR_CLASSES, THEIR_CLASSES), API.keySet());
    List<String> implementation = new ArrayList<>();
    for (String name : API.keySet()) {
      Module module = layer.findModule(name).orElseThrow();
      for (String pkg : module.getPackages()) {
        if (pkg.endsWith(".internal") || pkg.contains(".internal.")) {
          implementation.add(pkg);
          assertThat(module.isExported(pkg)).as("%s exports %s", name, pkg).isFalse();
        }
      }
    }
    // the modules that hold implementation code keep it apart (a vacuous pass would hide a move)
    assertThat(implementation).contains("io.github.albauth.core.internal",
        "io.github.albauth.usersync.engine.internal", "io.github.albauth.servlet.internal",
        "io.github.albauth.usersync.connectors.support.internal",
        "io.github.albauth.usersync.connectors.okta.internal",
        "io.github.albauth.usersync.connectors.cognito.internal");
  }

  @Test
  void aMappingCompilesAndRunsOnTheModulePath() throws Exception {
    ModuleLayer layer = layerOf(finder(OUR_CLASSES, THEIR_CLASSES), Set.of("io.github.albauth.usersync.mapping"));
    ClassLoader loader = layer.findLoader("io.github.albauth.usersync.mapping");
    Class<?> mappingClass = loader.loadClass("io.github.albauth.usersync.mapping.AttributeMapping");
    Class<?> sourceClass = loader.loadClass("io.github.albauth.usersync.AttributeSource");
    assertThat(mappingClass.getModule().getName()).isEqualTo("io.github.albauth.usersync.mapping");

    Properties p = new Properties();
    // a regular expression: the RE2/J automatic module is read and works
    p.setProperty("albauth.mapping.username", "regexReplace(preferred_username, \"@.*\", \"\")");
    Object mapping = mappingClass.getMethod("fromProperties", Properties.class).invoke(null, p);
    Object source = sourceClass.getMethod("of", Map.class)
        .invoke(null, Map.of("preferred_username", "ann@corp.example"));
    Object result = mappingClass.getMethod("map", sourceClass).invoke(mapping, source);
    assertThat(result.toString()).isEqualTo("MappingResult{username=ann}");
  }

  @Test
  void theSettingsRegistryFindsEveryModulesKeysOnTheModulePath() throws Exception {
    Set<String> roots = Set.of("io.github.albauth.settings", "io.github.albauth.core",
        "io.github.albauth.usersync.mapping");
    Configuration configuration = ModuleLayer.boot().configuration()
        .resolveAndBind(finder(OUR_CLASSES, THEIR_CLASSES), ModuleFinder.of(), roots);
    ModuleLayer layer = ModuleLayer.boot()
        .defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    Class<?> registryClass = layer.findLoader("io.github.albauth.settings")
        .loadClass("io.github.albauth.settings.SettingsRegistry");
    Object registry = registryClass.getMethod("discover").invoke(null);
    Method find = registryClass.getMethod("find", String.class);
    for (String key : List.of("albauth.expected-signers", "albauth.mapping.username",
        "albauth.exclude-paths")) {
      assertThat(find.invoke(registry, key)).as(key).isNotEqualTo(java.util.Optional.empty());
    }
    Method read = registryClass.getMethod("read", Map.class);
    assertThatThrownBy(() -> read.invoke(registry, Map.of("albauth.expected-signer", "x")))
        .hasRootCauseMessage("unknown key albauth.expected-signer; did you mean albauth.expected-signers?");
  }

  @Test
  void theCoreResolvesWithoutItsOptionalDependencies() throws Exception {
    List<String> withoutNimbusOrJackson = THEIR_CLASSES.stream()
        .filter(c -> !c.startsWith("com.fasterxml.") && !c.startsWith("com.nimbusds.")).toList();
    ModuleLayer layer = layerOf(finder(List.of("io.github.albauth.core.AlbTokenVerifier",
        "io.github.albauth.settings.SettingsRegistry"),
        withoutNimbusOrJackson), Set.of("io.github.albauth.core"));
    assertThat(layer.findModule("com.nimbusds.jose.jwt")).isEmpty();
    assertThat(layer.findModule("io.github.albauth.core")).isPresent();
  }

  private static ModuleLayer layerOf(ModuleFinder finder, Set<String> roots) {
    Configuration configuration = ModuleLayer.boot().configuration()
        .resolve(finder, ModuleFinder.of(), roots);
    return ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
  }

  private static ModuleFinder finder(List<String> ours, List<String> theirs) throws URISyntaxException {
    List<Path> paths = new ArrayList<>();
    for (String className : ours) {
      paths.add(locate(className));
    }
    for (String className : theirs) {
      paths.add(locate(className));
    }
    return ModuleFinder.of(paths.toArray(Path[]::new));
  }

  private static ModuleDescriptor descriptorOf(Path location) {
    Set<ModuleReference> found = ModuleFinder.of(location).findAll();
    assertThat(found).as("one module at %s", location).hasSize(1);
    ModuleDescriptor descriptor = found.iterator().next().descriptor();
    assertThat(descriptor.isAutomatic()).as("%s has a module-info.class", location).isFalse();
    return descriptor;
  }

  /** A jar of the test class path by artifact id (the starter has no class to locate it by). */
  private static Path locateJar(String artifactId) throws URISyntaxException {
    String descriptor = "META-INF/maven/io.github.albauth/" + artifactId + "/pom.properties";
    java.net.URL url = ModuleDescriptorsTest.class.getClassLoader().getResource(descriptor);
    assertThat(url).as("%s's jar on the test class path", artifactId).isNotNull();
    String jar = url.toString();
    return Path.of(new java.net.URI(jar.substring("jar:".length(), jar.indexOf("!/"))));
  }

  private static Path locate(String className) throws URISyntaxException {
    try {
      Class<?> type = Class.forName(className, false, ModuleDescriptorsTest.class.getClassLoader());
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (ClassNotFoundException e) {
      throw new AssertionError(className + " is not on the test class path", e);
    }
  }
}
