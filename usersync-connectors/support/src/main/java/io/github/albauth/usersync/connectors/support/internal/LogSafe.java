package io.github.albauth.usersync.connectors.support.internal;

/** Makes IdP-controlled text safe for a log line or an exception message. */
public final class LogSafe {

  private static final int MAX = 300;

  private LogSafe() {}

  /**
   * Escapes control, bidi and other format characters as {@code \\uXXXX} and cuts long text, so a
   * value from the IdP cannot forge log lines or hide text.
   *
   * @param text the text
   * @return the escaped text, at most about 300 characters
   */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 16);
    for (int i = 0; i < text.length(); i++) {
      if (out.length() >= MAX) {
        out.append("…(").append(text.length()).append(" chars)");
        break;
      }
      char c = text.charAt(i);
      int type = Character.getType(c);
      if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.SURROGATE
          || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
