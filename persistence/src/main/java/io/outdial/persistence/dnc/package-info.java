/**
 * Clients' do-not-call lists ({@code do_not_call}): the port {@link
 * io.outdial.persistence.dnc.DoNotCallList} and its JDBC implementation. The dialer reads the same
 * table right before each dial and adds in-call opt-outs to it ({@code dialing}); nothing here is
 * cached, so an addition or removal counts from the next dial on.
 */
package io.outdial.persistence.dnc;
