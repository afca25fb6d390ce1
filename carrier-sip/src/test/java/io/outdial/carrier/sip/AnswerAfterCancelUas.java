package io.outdial.carrier.sip;

import java.util.concurrent.atomic.AtomicReference;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A callee that answers just as it is cancelled (the race of RFC 3261 §9.1): INVITE gets 180; a
 * CANCEL gets its 200 but the INVITE then gets 200 OK instead of 487. The caller must acknowledge
 * that answer and hang up with BYE.
 */
final class AnswerAfterCancelUas extends TestUas {
  private final AtomicReference<Request> invite = new AtomicReference<>();

  AnswerAfterCancelUas() throws Exception {}

  @Override
  protected void onInvite(Request request) throws Exception {
    invite.set(request);
    provider.sendResponse(response(request, Response.RINGING));
  }

  @Override
  protected void onCancel(Request cancel) throws Exception {
    super.onCancel(cancel);
    provider.sendResponse(response(invite.get(), Response.OK));
  }
}
