package io.github.albauth.servlet.internal;

import io.github.albauth.core.AlbIdentity;
import io.github.albauth.servlet.AlbAuthenticationFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The session step: ties the application's HTTP session to the subject (issuer and {@code sub}) of
 * the user it was used by, in the session attribute
 * {@link AlbAuthenticationFilter#SESSION_SUBJECT_ATTRIBUTE}. Never creates a session.
 *
 * <ul>
 *   <li>no session: nothing to do (a session the application creates later in the request is
 *       bound when it is created, by {@link AuthenticatedRequest});
 *   <li>a session not bound yet (created before sign-in, e.g. on an excluded path, or planted by
 *       an attacker): its id is changed ({@code changeSessionId()}) and it is bound, so an id known
 *       before sign-in is worthless after it (session fixation);
 *   <li>a session bound to the same subject: nothing to do;
 *   <li>a session bound to another subject: invalidated; the request goes on without a session,
 *       and the application gets a new, bound one if it asks for one.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class SessionBinding {

  /** What the step did with the request's session. */
  public enum Outcome {
    /** The request has no session. */
    NO_SESSION,
    /** The session was already bound to this subject. */
    SAME_SUBJECT,
    /** The session was not bound: its id changed and it is now bound to this subject. */
    ROTATED,
    /** The session was bound to another subject and is invalidated. */
    INVALIDATED
  }

  private SessionBinding() {}

  /**
   * Returns the value a session is bound to for a user: {@code <iss> <sub>} (an issuer is a URL
   * and holds no space).
   *
   * @param identity the verified token
   * @return the subject value
   */
  public static String subjectOf(AlbIdentity identity) {
    return identity.issuer() + " " + identity.subject();
  }

  /**
   * Binds the request's existing session, if any, to the subject; see the class description.
   *
   * @param request the authenticated request
   * @param subject from {@link #subjectOf}
   * @return what was done
   */
  public static Outcome bind(HttpServletRequest request, String subject) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return Outcome.NO_SESSION;
    }
    try {
      // two first requests on one session must not both change its id (the browser would keep
      // whichever cookie came last, possibly the stale one); containers hand out one object per
      // session, so this serialises them
      synchronized (session) {
        Object bound = session.getAttribute(AlbAuthenticationFilter.SESSION_SUBJECT_ATTRIBUTE);
        if (subject.equals(bound)) {
          return Outcome.SAME_SUBJECT;
        }
        if (bound == null) {
          session.setAttribute(AlbAuthenticationFilter.SESSION_SUBJECT_ATTRIBUTE, subject);
          request.changeSessionId();
          return Outcome.ROTATED;
        }
        session.invalidate();
        return Outcome.INVALIDATED;
      }
    } catch (IllegalStateException invalidatedMeanwhile) {
      // another request (a logout) invalidated it while we looked: there is no session
      return Outcome.NO_SESSION;
    }
  }

  /**
   * Binds a session the application obtained during the request, when it is not bound yet (it was
   * just created: every session that existed before was bound by {@link #bind}).
   *
   * @param session the session the application got
   * @param subject from {@link #subjectOf}
   */
  static void bindIfUnbound(HttpSession session, String subject) {
    try {
      if (session.getAttribute(AlbAuthenticationFilter.SESSION_SUBJECT_ATTRIBUTE) == null) {
        session.setAttribute(AlbAuthenticationFilter.SESSION_SUBJECT_ATTRIBUTE, subject);
      }
    } catch (IllegalStateException invalidated) {
      // the application invalidated it already; nothing to bind
    }
  }
}
