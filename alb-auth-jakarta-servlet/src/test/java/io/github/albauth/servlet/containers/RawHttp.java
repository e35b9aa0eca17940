package io.github.albauth.servlet.containers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An HTTP/1.1 client that sends exactly the bytes it is given: the request target is not parsed,
 * normalised or re-encoded, and a header line given twice is sent twice (what {@code HttpClient}
 * does not promise). One request per connection ({@code Connection: close}).
 */
public final class RawHttp {

  private static final int TIMEOUT_MILLIS = 10_000;

  private RawHttp() {}

  /** A response: status, header lines as sent, body decoded as UTF-8 (chunked bodies joined). */
  public record Response(int status, List<String> headerLines, String body) {

    /**
     * Returns every value of a header, in order.
     *
     * @param name the header name, case-insensitive
     * @return the values
     */
    public List<String> headers(String name) {
      List<String> out = new ArrayList<>();
      for (String line : headerLines) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
          out.add(line.substring(colon + 1).strip());
        }
      }
      return out;
    }
  }

  /**
   * Sends one request.
   *
   * @param base {@code http://host:port}
   * @param method the method
   * @param target the request target, sent as is
   * @param headerLines {@code Name: value} lines, sent as is and in order
   * @return the response
   * @throws IOException when the connection fails
   */
  public static Response send(URI base, String method, String target, String... headerLines)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      StringBuilder request = new StringBuilder();
      request.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      request.append("Host: ").append(base.getHost()).append(':').append(base.getPort())
          .append("\r\n");
      for (String line : headerLines) {
        request.append(line).append("\r\n");
      }
      if (method.equals("POST")) {
        request.append("Content-Length: 0\r\n");
      }
      request.append("Connection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return read(socket.getInputStream());
    }
  }

  private static Response read(InputStream in) throws IOException {
    String statusLine = line(in);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x status line: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    List<String> headers = new ArrayList<>();
    boolean chunked = false;
    long length = -1;
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      headers.add(line);
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("content-length:")) {
        length = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (chunked) {
      for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16); size > 0;
          size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
        body.write(in.readNBytes(size));
        line(in);
      }
    } else if (length >= 0) {
      body.write(in.readNBytes((int) length));
    } else {
      body.write(in.readAllBytes());
    }
    return new Response(status, List.copyOf(headers), body.toString(StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        break;
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
