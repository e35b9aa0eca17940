package io.github.albauth.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One GET request and its response without a container, for unit tests of the filter: the request
 * answers its path, headers and attributes; the response records status and body. Every other
 * method returns null, false or zero.
 */
final class FakeExchange {

  private final String path;
  private final Map<String, String> headers;
  private final Map<String, Object> attributes = new HashMap<>();
  private final Map<String, String> responseHeaders = new HashMap<>();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private int status = 200;

  FakeExchange(String path, Map<String, String> headers) {
    this.path = path;
    this.headers = headers;
  }

  HttpServletRequest request() {
    return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getServletPath", "getRequestURI" -> path;
          case "getMethod" -> "GET";
          case "getRemoteAddr" -> "127.0.0.1";
          case "getHeader" -> headers.get((String) args[0]);
          case "getAttribute" -> attributes.get((String) args[0]);
          case "setAttribute" -> attributes.put((String) args[0], args[1]);
          default -> defaultValue(method.getReturnType());
        });
  }

  HttpServletResponse response() {
    ServletOutputStream out = new ServletOutputStream() {
      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setWriteListener(WriteListener listener) {}

      @Override
      public void write(int b) {
        body.write(b);
      }
    };
    return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
          switch (method.getName()) {
            case "setStatus" -> status = (Integer) args[0];
            case "setHeader" -> responseHeaders.put((String) args[0], (String) args[1]);
            case "getHeader" -> {
              return responseHeaders.get((String) args[0]);
            }
            case "getStatus" -> {
              return status;
            }
            case "getOutputStream" -> {
              return out;
            }
            default -> {
              return defaultValue(method.getReturnType());
            }
          }
          return null;
        });
  }

  int status() {
    return status;
  }

  String body() {
    return body.toString(StandardCharsets.UTF_8);
  }

  private static @Nullable Object defaultValue(Class<?> type) {
    if (type == boolean.class) {
      return false;
    }
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    return null;
  }
}
