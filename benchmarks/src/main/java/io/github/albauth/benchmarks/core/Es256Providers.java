package io.github.albauth.benchmarks.core;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The JCA providers the benchmarks compare, by their {@code @Param} name. */
public final class Es256Providers {

  private Es256Providers() {}

  /**
   * The provider for {@code name}: {@code SunEC} (the JDK's), {@code ACCP} (Amazon Corretto Crypto
   * Provider, native AWS-LC; fails if its native library did not load) or {@code BC}
   * (BouncyCastle, pure Java). None is installed globally.
   */
  public static Provider byName(String name) {
    return switch (name) {
      case "SunEC" -> {
        Provider sunEc = Security.getProvider("SunEC");
        if (sunEc == null) {
          throw new IllegalStateException("this jdk has no SunEC provider");
        }
        yield sunEc;
      }
      case "ACCP" -> {
        AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
        Throwable loadingError = accp.getLoadingError();
        if (loadingError != null) {
          throw new IllegalStateException("ACCP's native library did not load on this machine", loadingError);
        }
        yield accp;
      }
      case "BC" -> new BouncyCastleProvider();
      default -> throw new IllegalArgumentException("unknown provider: " + name + "; use SunEC, ACCP or BC");
    };
  }
}
