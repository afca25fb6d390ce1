package io.outdial.admin.dnc;

import io.outdial.core.ValidationException;
import io.outdial.core.id.ClientId;
import io.outdial.persistence.campaign.Page;
import io.outdial.persistence.dnc.DoNotCallEntry;
import io.outdial.persistence.dnc.DoNotCallList;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;

/**
 * A client's do-not-call list, read only, newest first, {@value #PAGE_SIZE} numbers a page: the
 * {@code client} parameter names the client (the API's rule for client ids), {@code page} the page
 * (from 1). Numbers are added and removed through the API only.
 */
@Named
@RequestScoped
public class DncPage {
  static final int PAGE_SIZE = 50;

  @Inject DoNotCallList list;

  private String client = "";
  private int page = 1;
  private String clientError;
  private Page<DoNotCallEntry> entries;

  @PostConstruct
  void readParameters() {
    Map<String, String> parameters =
        FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
    String given = parameters.get("client");
    client = given == null ? "" : given.strip();
    page = pageNumber(parameters.get("page"));
  }

  /** The page number in {@code value}, or 1 when it is none. */
  static int pageNumber(String value) {
    if (value == null) {
      return 1;
    }
    try {
      return Math.max(1, Integer.parseInt(value.strip()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** The client id as typed (empty before a search). */
  public String getClient() {
    return client;
  }

  public boolean isSearched() {
    return !client.isEmpty();
  }

  /** Why the client id is not valid (the API's rule), or null. */
  public String getClientError() {
    load();
    return clientError;
  }

  public List<DncRow> getRows() {
    return load().items().stream().map(DncRow::from).toList();
  }

  /** Numbers on the client's whole list. */
  public long getTotal() {
    return load().total();
  }

  public int getPage() {
    return page;
  }

  /** Pages of the whole list (at least 1). */
  public long getPages() {
    return Math.max(1, (getTotal() + PAGE_SIZE - 1) / PAGE_SIZE);
  }

  public boolean isHasPrevious() {
    return page > 1;
  }

  public boolean isHasNext() {
    return page < getPages();
  }

  public int getPreviousPage() {
    return Math.max(1, page - 1);
  }

  public int getNextPage() {
    return page + 1;
  }

  /** The position of the page's first number on the list (from 1), for "numbers 51-100". */
  public long getFirst() {
    return (long) (page - 1) * PAGE_SIZE + 1;
  }

  public long getLast() {
    return Math.min(getTotal(), (long) page * PAGE_SIZE);
  }

  private Page<DoNotCallEntry> load() {
    if (entries == null) {
      entries = new Page<>(List.of(), 0);
      if (!client.isEmpty()) {
        try {
          entries = list.list(ClientId.of(client), PAGE_SIZE, (long) (page - 1) * PAGE_SIZE);
        } catch (ValidationException e) {
          clientError = e.getMessage();
        }
      }
    }
    return entries;
  }
}
