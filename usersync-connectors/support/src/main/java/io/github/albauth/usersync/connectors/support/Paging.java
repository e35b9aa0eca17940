package io.github.albauth.usersync.connectors.support;

import io.github.albauth.usersync.Page;
import io.github.albauth.usersync.UserSyncException.Reason;
import io.github.albauth.usersync.connectors.support.internal.Prefetch;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A paged JSON listing: how to find the next page (a next-link field, a {@code Link: rel="next"}
 * header, a page token, an offset, or a cursor header) and how to map each item. {@link #stream()}
 * fetches page after page, the next one while the consumer works on the current one; {@link
 * #fetch(String)} fetches one page, for {@link Page#stream} or delta rounds.
 *
 * <pre>{@code
 * Paging<SourceUser> users = Paging.builder(client, "list users",
 *         URI.create(base + "/v1.0/users?$top=999"), Connector::toUser)
 *     .items("value")
 *     .nextLinkField("@odata.nextLink")
 *     .build();
 * try (Stream<SourceUser> s = users.stream()) { ... }
 * }</pre>
 *
 * <p>A next link pointing at another host than the first page is refused, so that a tampered
 * response cannot send the access token elsewhere.
 *
 * <p>Immutable and thread-safe; each stream has one consumer.
 *
 * @param <T> the item type
 */
public final class Paging<T> {

  private static final Pattern LINK_NEXT =
      Pattern.compile("<([^>]*)>\\s*;[^,]*?rel\\s*=\\s*\"?next\"?", Pattern.CASE_INSENSITIVE);

  private enum Kind { NEXT_LINK_FIELD, LINK_HEADER, PAGE_TOKEN, OFFSET, CURSOR_HEADER }

  private final ApiClient client;
  private final String call;
  private final URI first;
  private final Function<Map<String, @Nullable Object>, T> item;
  private final @Nullable String itemsField;
  private final boolean itemsRequired;
  private final Map<String, String> headers;
  private final Kind kind;
  private final String name;
  private final String param;
  private final int limit;
  private final Consumer<JsonPage<T>> observer;

  private Paging(Builder<T> b, Kind kind) {
    this.client = b.client;
    this.call = b.call;
    this.first = b.first;
    this.item = b.item;
    this.itemsField = b.itemsField;
    this.itemsRequired = b.itemsRequired;
    this.headers = Map.copyOf(b.headers);
    this.kind = kind;
    this.name = b.name;
    this.param = b.param;
    this.limit = b.limit;
    this.observer = b.observer;
  }

  /**
   * Starts a listing.
   *
   * @param client the client that calls
   * @param call what the listing is, for messages and pacing (e.g. {@code "list users"})
   * @param first the first page's address, with the page size and filters
   * @param item maps one item's JSON object (throw to mark the page malformed)
   * @param <T> the item type
   * @return a builder
   */
  public static <T> Builder<T> builder(ApiClient client, String call, URI first,
      Function<Map<String, @Nullable Object>, T> item) {
    return new Builder<>(client, call, first, item);
  }

  /**
   * Streams every item of every page, the next page fetched while the consumer works on this one.
   * A failure throws (a {@link SourceCallException}); the stream never ends early.
   *
   * @return a lazy stream; close it to stop early
   */
  public Stream<T> stream() {
    return Prefetch.stream(this::fetch);
  }

  /**
   * Streams the items of pages that a function fetches, the next page fetched in the background
   * while the consumer works on the current one (for connectors that combine several listings, or
   * count pages, around {@link #fetch}). A failure throws where its page would start; the stream
   * never ends early; a cursor repeated by the source fails the stream instead of looping.
   *
   * @param fetch fetches the page at a cursor ({@code null}: the first page)
   * @param <T> the item type
   * @return a lazy stream; close it to stop early
   */
  public static <T> Stream<T> prefetching(Function<@Nullable String, Page<T>> fetch) {
    return Prefetch.stream(fetch);
  }

  /**
   * Fetches one page.
   *
   * @param cursor null for the first page, else a {@link Page#nextCursor()} this listing returned
   * @return the page, whose next cursor is null on the last page
   * @throws SourceCallException when the call fails
   */
  public Page<T> fetch(@Nullable String cursor) {
    URI uri = uriOf(cursor);
    JsonPage<T> page = client.getPage(call, uri, headers, itemsField, itemsRequired, item);
    observer.accept(page);
    return new Page<>(page.items(), nextCursor(page, cursor));
  }

  private URI uriOf(@Nullable String cursor) {
    if (cursor == null) {
      return first;
    }
    return switch (kind) {
      case NEXT_LINK_FIELD, LINK_HEADER -> sameOrigin(cursor);
      case PAGE_TOKEN, OFFSET, CURSOR_HEADER -> withParam(first, param, cursor);
    };
  }

  private @Nullable String nextCursor(JsonPage<T> page, @Nullable String cursor) {
    return switch (kind) {
      case NEXT_LINK_FIELD, PAGE_TOKEN -> emptyToNull(page.field(name));
      case LINK_HEADER -> linkNext(page);
      case CURSOR_HEADER -> emptyToNull(page.headers().firstValue(name).orElse(null));
      case OFFSET -> page.items().size() < limit ? null
          : Long.toString((cursor == null ? 0 : Long.parseLong(cursor)) + page.items().size());
    };
  }

  private static @Nullable String linkNext(JsonPage<?> page) {
    for (String value : page.headers().allValues("Link")) {
      Matcher m = LINK_NEXT.matcher(value);
      if (m.find()) {
        return m.group(1);
      }
    }
    return null;
  }

  private static @Nullable String emptyToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private URI sameOrigin(String link) {
    URI uri;
    try {
      uri = first.resolve(link);
    } catch (IllegalArgumentException e) {
      throw new SourceCallException(Reason.SOURCE_FAILED, call, 0, null,
          call + ": the next-page link is not a URI", e);
    }
    if (!Objects.equals(uri.getScheme(), first.getScheme())
        || !Objects.equals(uri.getHost(), first.getHost()) || uri.getPort() != first.getPort()) {
      throw new SourceCallException(Reason.SOURCE_FAILED, call, 0, null, call
          + ": the next-page link points at " + uri.getScheme() + "://" + uri.getHost()
          + " instead of " + first.getScheme() + "://" + first.getHost()
          + "; refusing to send credentials there", null);
    }
    return uri;
  }

  /**
   * Adds a query parameter to an address.
   *
   * @param uri the address
   * @param name the parameter name
   * @param value the value, encoded here
   * @return the address with {@code name=value} appended to its query
   */
  public static URI withParam(URI uri, String name, String value) {
    String s = uri.toString();
    String sep = uri.getRawQuery() == null ? "?" : "&";
    return URI.create(s + sep + URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  /**
   * Builds a {@link Paging}; exactly one way to find the next page must be chosen.
   *
   * <p>Not thread-safe.
   *
   * @param <T> the item type
   */
  public static final class Builder<T> {
    private final ApiClient client;
    private final String call;
    private final URI first;
    private final Function<Map<String, @Nullable Object>, T> item;
    private @Nullable String itemsField;
    private boolean itemsRequired = true;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private @Nullable Kind kind;
    private String name = "";
    private String param = "";
    private int limit;
    private Consumer<JsonPage<T>> observer = page -> { };
    private boolean observerSet;

    private Builder(ApiClient client, String call, URI first,
        Function<Map<String, @Nullable Object>, T> item) {
      this.client = Objects.requireNonNull(client, "client");
      this.call = Objects.requireNonNull(call, "call");
      this.first = Objects.requireNonNull(first, "first");
      this.item = Objects.requireNonNull(item, "item");
    }

    private Builder<T> kind(Kind k) {
      if (kind != null) {
        throw new IllegalStateException("the paging was already set to " + kind + "; choose one");
      }
      kind = k;
      return this;
    }

    /**
     * Reads the items from this top-level field of an object body (default: the body is the array).
     *
     * @param field the field, e.g. {@code value}
     * @return this builder
     */
    public Builder<T> items(String field) {
      if (itemsField != null) {
        throw new IllegalStateException("items was already set to " + itemsField);
      }
      itemsField = Objects.requireNonNull(field, "field");
      return this;
    }

    /**
     * Reads the items from this top-level field of an object body, which the vendor leaves out of
     * a page that has none (Google's APIs omit empty arrays: {@code {"kind":
     * "admin#directory#users", "etag": "…"}} is an empty page). Check another field of such a
     * page with {@link #onPage} to tell it from an unrelated object.
     *
     * @param field the field, e.g. {@code users}
     * @return this builder
     */
    public Builder<T> optionalItems(String field) {
      items(field);
      itemsRequired = false;
      return this;
    }

    /**
     * Sends a header with every page's request.
     *
     * @param header the name
     * @param value the value
     * @return this builder
     */
    public Builder<T> header(String header, String value) {
      headers.put(Objects.requireNonNull(header, "header"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Finds the next page's address in a top-level field (Graph {@code @odata.nextLink}).
     *
     * @param field the field
     * @return this builder
     */
    public Builder<T> nextLinkField(String field) {
      name = Objects.requireNonNull(field, "field");
      return kind(Kind.NEXT_LINK_FIELD);
    }

    /**
     * Finds the next page's address in a {@code Link: <…>; rel="next"} header (Okta, RFC 8288).
     *
     * @return this builder
     */
    public Builder<T> linkHeader() {
      return kind(Kind.LINK_HEADER);
    }

    /**
     * Finds a token in a top-level field and passes it as a query parameter (Google {@code
     * nextPageToken} → {@code pageToken}).
     *
     * @param tokenField the field holding the next token
     * @param tokenParam the query parameter that takes it
     * @return this builder
     */
    public Builder<T> pageToken(String tokenField, String tokenParam) {
      name = Objects.requireNonNull(tokenField, "tokenField");
      param = Objects.requireNonNull(tokenParam, "tokenParam");
      return kind(Kind.PAGE_TOKEN);
    }

    /**
     * Pages by offset (Keycloak {@code first}/{@code max}): the first address carries the page
     * size; a page with fewer items than {@code limit} is the last.
     *
     * @param offsetParam the query parameter of the offset
     * @param limit the page size the first address asks for
     * @return this builder
     */
    public Builder<T> offset(String offsetParam, int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("limit is " + limit + "; give 1 or more");
      }
      param = Objects.requireNonNull(offsetParam, "offsetParam");
      this.limit = limit;
      return kind(Kind.OFFSET);
    }

    /**
     * Finds a cursor in a response header and passes it as a query parameter (OneLogin {@code
     * After-Cursor} → {@code cursor}).
     *
     * @param header the response header with the next cursor
     * @param cursorParam the query parameter that takes it
     * @return this builder
     */
    public Builder<T> cursorHeader(String header, String cursorParam) {
      name = Objects.requireNonNull(header, "header");
      param = Objects.requireNonNull(cursorParam, "cursorParam");
      return kind(Kind.CURSOR_HEADER);
    }

    /**
     * Shows every fetched page to an observer (to read a count or a delta link, or to note that
     * the last page arrived). It runs on the thread that fetched, which may be a prefetch thread.
     *
     * @param pageObserver the observer
     * @return this builder
     */
    public Builder<T> onPage(Consumer<JsonPage<T>> pageObserver) {
      if (observerSet) {
        throw new IllegalStateException("onPage was already set");
      }
      observer = Objects.requireNonNull(pageObserver, "pageObserver");
      observerSet = true;
      return this;
    }

    /**
     * Builds the listing.
     *
     * @return the listing
     * @throws IllegalStateException when no way to find the next page was chosen
     */
    public Paging<T> build() {
      if (kind == null) {
        throw new IllegalStateException("choose how to find the next page: nextLinkField,"
            + " linkHeader, pageToken, offset or cursorHeader");
      }
      return new Paging<>(this, kind);
    }
  }
}
