package io.github.albauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.core.AlbTokenException.Reason;
import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTokenMinter;
import io.github.albauth.testkit.IdpTokenMinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue 10 item 12 (core part): every client-controlled value (kid, header values, claim values)
 * that reaches a message or a core log line is escaped: no CR, LF, other control or bidi
 * character gets through, so a token cannot forge a log line or reorder one on screen.
 */
class Issue10LogHygieneTest {
  /** CR LF and a forged log line, a right-to-left override, a bidi isolate, NUL and an ANSI escape. */
  private static final String HOSTILE =
      "x\r\n2026-11-23 WARN forged line \u202Egnp.exe\u2066 \u0000\u001b[31m";

  private final AlbTokenMinter alb = AlbTokenMinter.create();
  private final IdpTokenMinter idp = IdpTokenMinter.create();
  private final AlbKeyServer server = AlbKeyServer.start(alb);
  private final List<String> texts = new ArrayList<>();

  @AfterEach
  void stop() {
    server.close();
  }

  /** Runs {@code call} with stderr (slf4j-simple's target) captured; keeps its exception message and the log. */
  private void capture(Executable call, Reason expected) {
    PrintStream original = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      assertThatThrownBy(call::execute)
          .isInstanceOfSatisfying(AlbTokenException.class, e -> {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(expected);
            texts.add(e.getMessage());
            texts.add(e.toString());
          });
    } finally {
      System.setErr(original);
    }
    texts.addAll(List.of(log.toString(StandardCharsets.UTF_8).split("\n")));
  }

  private static void assertSafe(List<String> texts) {
    for (String text : texts) {
      for (char c : text.toCharArray()) {
        assertThat(c >= 0x20 && c <= 0x7e).as("character U+%04X in: %s", (int) c, text).isTrue();
      }
    }
  }

  @Test
  void albTokenValuesAreEscapedInMessagesAndLogs() {
    try (AlbTokenVerifier verifier = AlbTokenVerifier.builder()
        .requireSigner(alb.signerArn()).requireIssuer(alb.issuer()).requireClientId(alb.clientId())
        .publicKeyUrl(server.urlTemplate()).build()) {
      capture(() -> verifier.verify(alb.token().subject("u").keyId(HOSTILE).sign()), Reason.MALFORMED);
      capture(() -> verifier.verify(alb.token().subject("u").header("alg", HOSTILE).sign()), Reason.UNSUPPORTED_ALGORITHM);
      capture(() -> verifier.verify(alb.token().subject("u").header("signer", HOSTILE).sign()), Reason.SIGNER_MISMATCH);
      capture(() -> verifier.verify(alb.token().subject("u").header("iss", HOSTILE).sign()), Reason.ISSUER_MISMATCH);
      capture(() -> verifier.verify(alb.token().subject("u").header("client", HOSTILE).sign()), Reason.CLIENT_MISMATCH);
      capture(() -> verifier.verify(alb.token().subject("u").claim("iss", HOSTILE).sign()), Reason.ISSUER_MISMATCH);
      capture(() -> verifier.verify(alb.mint("u", Map.of()), HOSTILE), Reason.IDENTITY_MISMATCH);
      capture(() -> verifier.verify(alb.token().subject(HOSTILE).sign(), "u"), Reason.IDENTITY_MISMATCH);
      texts.add(verifier.verify(alb.token().subject(HOSTILE).sign()).toString());
    }
    try (AlbPublicKeySource source = AlbPublicKeySource.builder()
        .fetcher(uri -> {
          throw new IOException("proxy said " + HOSTILE);
        })
        .build()) {
      capture(() -> source.publicKey(HOSTILE, alb.region()), Reason.MALFORMED);
      capture(() -> source.publicKey(UUID.randomUUID().toString(), alb.region()), Reason.KEY_UNAVAILABLE); // logs a WARN
    }
    assertThat(texts).anyMatch(t -> t.contains("x\\u000d\\u000a2026-11-23 WARN forged line \\u202egnp.exe\\u2066"));
    assertThat(texts).anyMatch(t -> t.contains("WARN") && t.contains("proxy said x\\u000d\\u000a"));
    assertSafe(texts);
  }

  @Test
  void accessTokenValuesAreEscapedInMessagesAndLogs() {
    server.serveJwks(idp);
    try (AccessTokenVerifier verifier = AccessTokenVerifier.builder()
        .idp(IdpPreset.COGNITO).requireIssuer(idp.issuer()).requireAudience(idp.clientId())
        .jwksUri(server.jwksUri().toString()).build()) {
      capture(() -> verifier.verify(idp.token().subject("u").keyId(HOSTILE).sign()), Reason.UNKNOWN_KEY);
      capture(() -> verifier.verify(idp.token().subject("u").header("typ", HOSTILE).sign()), Reason.TYPE_MISMATCH);
      capture(() -> verifier.verify(idp.token().subject("u").header("alg", HOSTILE).sign()), Reason.UNSUPPORTED_ALGORITHM);
      capture(() -> verifier.verify(idp.token().subject("u").claim("iss", HOSTILE).sign()), Reason.ISSUER_MISMATCH);
      capture(() -> verifier.verify(idp.token().subject("u").tokenUse(HOSTILE).sign()), Reason.TOKEN_USE_MISMATCH);
      capture(() -> verifier.verify(idp.token().subject("u").clientId(HOSTILE).sign()), Reason.AUDIENCE_MISMATCH);
      texts.add(verifier.verify(idp.token().subject(HOSTILE).sign()).toString());
    }
    assertThat(texts).anyMatch(t -> t.contains("kid \"x\\u000d\\u000a2026-11-23 WARN forged line \\u202egnp.exe"));
    assertSafe(texts);
  }
}
