package io.outdial.carrier.sip;

import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A callee that answers at once and refuses blind transfers: INVITE gets 200 OK, REFER 403
 * Forbidden (a trunk that does not let its calls be referred), anything else in the dialog 200.
 */
public final class RefusingReferUas extends TestUas {
  public RefusingReferUas() throws Exception {}

  /** Its SIP port on 127.0.0.1. */
  public int sipPort() {
    return port();
  }

  /** Closes its stack. */
  public void stop() throws Exception {
    close();
  }

  @Override
  protected void onInvite(Request invite) throws Exception {
    provider.sendResponse(response(invite, Response.OK));
  }

  @Override
  protected void onOther(Request request) throws Exception {
    int status = Request.REFER.equals(request.getMethod()) ? Response.FORBIDDEN : Response.OK;
    provider.sendResponse(messages.createResponse(status, request));
  }
}
