package it.outdial.adminui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.outdial.core.apikey.KeyHash;
import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Database;
import it.outdial.support.Jobs;
import it.outdial.support.TestServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin UI in a real browser, and its sign-in over plain HTTP. The browser's lock-out test runs
 * last and waits for its lock-out to end: the admin API shares the count, and other tests use it
 * from this machine. The plain HTTP tests each come from a loopback address of their own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminUiIT {
  private static final String UI = "/admin/ui";
  private static final String WARNING = "Store this key securely. It will not be shown again.";
  // a session id in Liberty's cookie form (cache id, 23 characters, clone id), as an attacker would
  // plant it before the admin signs in
  private static final String PLANTED_ID = "PlantedBySomeoneElse000";
  private static final String PLANTED = "0000" + PLANTED_ID + ":-1";

  private static TestServer server;
  private static Api api;

  private HeadlessChromium chromium;
  private WebDriver browser;
  private WebDriverWait wait;

  @BeforeAll
  static void server() {
    server = TestServer.shared();
    api = server.api();
  }

  @BeforeEach
  void openBrowser() {
    chromium = HeadlessChromium.start();
    browser = chromium.driver();
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterEach
  void closeBrowser() {
    chromium.close();
  }

  @Test
  @Order(1)
  void anAdminCreatesReadsOnceAndRevokesAKeyThenSignsOut() throws IOException {
    String client = "acme-staffing-" + UUID.randomUUID().toString().substring(0, 6);

    // no page but sign-in without a session
    open("/keys.xhtml");
    onSignIn();
    assertThat(text(By.id("notice"))).isEqualTo("Please sign in to continue.");
    chromium.screenshot("01-sign-in");

    signInWith("not-the-admin-key");
    onSignIn();
    assertThat(text(By.id("signin:keyMessage"))).isEqualTo("That is not the admin key.");
    assertThat(browser.findElement(By.id("signin:key")).getDomProperty("value"))
        .as("a wrong key is not sent back")
        .isEmpty();
    chromium.screenshot("02-wrong-key");

    assertThat(browser.manage().getCookieNamed("JSESSIONID"))
        .as("sign-in makes no session until it succeeds")
        .isNull();
    // a session id planted before sign-in never becomes the admin's
    browser.manage().addCookie(new Cookie("JSESSIONID", PLANTED, "/"));
    signInWith(server.adminKey());
    onPage("keys.xhtml", "API keys");
    assertThat(browser.manage().getCookieNamed("JSESSIONID").getValue())
        .as("signing in starts a new session id")
        .doesNotContain(PLANTED_ID);

    // the empty state of a client without keys leads to the create form, client filled in
    filterBy(client);
    assertThat(text(By.id("empty"))).contains("Client " + client + " has no active keys.");
    chromium.screenshot("03-keys-empty-client");
    browser.findElement(By.linkText("Create a key for this client")).click();
    onPage("create.xhtml", "Create an API key");
    assertThat(browser.findElement(By.id("create:clientId")).getDomProperty("value"))
        .isEqualTo(client);

    // the API's own rules, each message next to its field
    WebElement clientField = browser.findElement(By.id("create:clientId"));
    clientField.clear();
    clientField.sendKeys("acme/staffing");
    submit(By.id("create:submit"));
    onPage("create.xhtml", "Create an API key");
    assertThat(text(By.id("create:clientIdMessage")))
        .startsWith("client_id must contain only letters");
    assertThat(text(By.id("create:nameMessage"))).isEqualTo("name is required");
    assertThat(text(By.id("create:scopesMessage"))).startsWith("scopes is required");
    assertThat(labelOf("create:clientId")).isEqualTo("Client id");
    assertThat(labelOf("create:name")).isEqualTo("Name");
    chromium.screenshot("04-create-invalid");

    clientField = browser.findElement(By.id("create:clientId"));
    clientField.clear();
    clientField.sendKeys(client);
    browser.findElement(By.id("create:name")).sendKeys("Production dialer");
    browser.findElement(By.cssSelector("input[type='checkbox'][value='campaigns']")).click();
    submit(By.id("create:submit"));

    // the key, once
    onPage("created.xhtml", "New API key");
    String rawKey = browser.findElement(By.id("rawKey")).getDomProperty("value");
    assertThat(rawKey).startsWith("jt_ak_").hasSizeGreaterThan(40);
    String hash = KeyHash.of(rawKey).value();
    assertThat(text(By.id("keyHash"))).isEqualTo(hash);
    assertThat(text(By.id("warning"))).isEqualTo(WARNING);
    assertThat(browser.findElement(By.id("copyKey")).isDisplayed())
        .as("the copy button appears with JavaScript")
        .isTrue();
    chromium.screenshot("05-created");
    assertKeyWorksOnTheApi(client, hash, rawKey);

    browser.navigate().refresh();
    onPage("created.xhtml", "New API key");
    assertThat(text(By.id("gone"))).contains("already been shown");
    assertThat(browser.getPageSource().contains(rawKey)).as("reload shows the key").isFalse();
    chromium.screenshot("06-created-reloaded");
    browser.navigate().back();
    browser.navigate().forward();
    wait.until(ExpectedConditions.urlContains("created.xhtml"));
    assertThat(browser.getPageSource().contains(rawKey))
        .as("back and forward show the key")
        .isFalse();

    // the list, with a second key made through the API so that it shows more than one row
    createThroughTheApi(client, "Audit export", "[\"audit\"]");
    browser.findElement(By.id("back")).click();
    onPage("keys.xhtml", "API keys");
    filterBy(client);
    List<List<String>> rows = rows();
    assertThat(rows)
        .extracting(row -> row.subList(0, 3))
        .containsExactlyInAnyOrder(
            List.of(client, "Production dialer", "campaigns"),
            List.of(client, "Audit export", "audit"));
    List<String> created = row(rows, "Production dialer");
    assertThat(created.get(3)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC");
    assertThat(created.get(4)).isEqualTo(new KeyHash(hash).shortPrefix() + "…");
    assertThat(created.get(5)).isEqualTo("never");
    assertThat(browser.getPageSource().contains(rawKey)).as("the list shows a secret").isFalse();
    chromium.screenshot("07-keys");

    // revoke: cancelling the confirmation changes nothing
    revokeLinkOf("Production dialer").click();
    onPage("revoke.xhtml", "Revoke an API key");
    assertThat(text(By.id("revokeHash"))).isEqualTo(hash);
    assertThat(text(By.id("revokeClient"))).isEqualTo(client);
    chromium.screenshot("08-revoke-confirm");
    browser.findElement(By.id("revoke:cancel")).click();
    onPage("keys.xhtml", "API keys");
    assertKeyWorksOnTheApi(client, hash, rawKey);

    filterBy(client);
    revokeLinkOf("Production dialer").click();
    onPage("revoke.xhtml", "Revoke an API key");
    submit(By.id("revoke:confirm"));
    onPage("keys.xhtml", "API keys");
    assertThat(text(By.id("notices"))).contains("is revoked").contains(client);
    assertThat(rows()).extracting(row -> row.get(1)).containsExactly("Audit export");
    chromium.screenshot("09-revoked");
    assertKeyRefusedByTheApi(client, hash, rawKey);

    // sign out: the list is out of reach again
    submit(By.id("signout:signOut"));
    onSignIn();
    assertThat(text(By.id("notice"))).isEqualTo("You are signed out.");
    chromium.screenshot("10-signed-out");
    open("/keys.xhtml?client=" + client);
    onSignIn();
    assertThat(text(By.id("notice"))).isEqualTo("Please sign in to continue.");
    assertThat(browser.getPageSource()).doesNotContain("Audit export");

    String log = Files.readString(server.liberty().logDirectory().resolve("messages.log"));
    assertThat(log.contains(rawKey)).as("the server log holds the raw key").isFalse();
    assertThat(log.contains(server.adminKey())).as("the server log holds the admin key").isFalse();
  }

  @Test
  @Order(2)
  void anExpiredSessionOrPageSendsTheAdminBackToSignIn() throws IOException {
    open("/signin.xhtml");
    signInWith(server.adminKey());
    onPage("keys.xhtml", "API keys");
    open("/create.xhtml");
    onPage("create.xhtml", "Create an API key");
    String oldViewState = viewStateOf("create");

    // the session ends on the server (as after the timeout) while the browser still sends its
    // cookie
    Cookie ended = browser.manage().getCookieNamed("JSESSIONID");
    assertThat(ended).isNotNull();
    submit(By.id("signout:signOut"));
    onSignIn();
    browser.manage().deleteCookieNamed("JSESSIONID");
    browser.manage().addCookie(new Cookie(ended.getName(), ended.getValue(), ended.getPath()));
    open("/create.xhtml");
    onSignIn();
    assertThat(text(By.id("notice"))).contains("expired");
    chromium.screenshot("11-session-expired");

    // a form opened in the old session, sent in the new one: its view is gone
    signInWith(server.adminKey());
    onPage("keys.xhtml", "API keys");
    open("/create.xhtml");
    onPage("create.xhtml", "Create an API key");
    setViewStateOf("create", oldViewState);
    browser.findElement(By.id("create:name")).sendKeys("never stored");
    submit(By.id("create:submit"));
    onSignIn();
    assertThat(text(By.id("notice"))).contains("expired");

    // a forged view state gets the generic error page, never a stack trace
    signInWith(server.adminKey());
    onPage("keys.xhtml", "API keys");
    open("/create.xhtml");
    onPage("create.xhtml", "Create an API key");
    setViewStateOf("create", "forged-state");
    submit(By.id("create:submit"));
    onPage("error.xhtml", "Something went wrong");
    assertThat(browser.getPageSource()).doesNotContain("Exception").doesNotContain("\tat ");
    chromium.screenshot("12-error");
    // the client's doing: one warning line in the server log, no stack trace
    Path log = server.liberty().logDirectory().resolve("messages.log");
    await("the warning about the forged form")
        .atMost(Duration.ofSeconds(10))
        .until(() -> Files.readString(log).contains("its view state could not be restored"));
    assertThat(Files.readString(log)).doesNotContain("StateUtils.decode");
  }

  @Test
  @Order(3)
  void publicPagesMakeNoSessionAndOnlyASuccessfulSignInDoes() {
    Api client = api.fromOwnAddress();
    double sessionsBefore = sessionsCreated();
    for (int i = 0; i < 50; i++) {
      for (String view : List.of("/signin.xhtml", "/signin.xhtml?reason=expired", "/error.xhtml")) {
        Reply page = client.get(UI + view);
        assertThat(page.status()).isEqualTo(200);
        assertThat(sessionCookies(page))
            .as("a cookieless GET of " + view + " makes a session")
            .isEmpty();
      }
    }
    assertThat(hiddenFields(client.get(UI + "/signin.xhtml")))
        .as("the sign-in form keeps no view state on the server")
        .containsEntry("jakarta.faces.ViewState", "stateless");

    Reply wrong = postSignIn(client, "not-the-admin-key", "Cookie", "JSESSIONID=" + PLANTED);
    assertThat(wrong.status()).isEqualTo(200);
    assertThat(wrong.body()).contains("That is not the admin key.");
    assertThat(sessionCookies(wrong)).as("a wrong key makes a session").isEmpty();
    assertThat(sessionsCreated())
        .as("sessions made by 150 pages and a wrong key")
        .isEqualTo(sessionsBefore);

    // only the right key makes a session, and never under an id the client brought
    Reply signedIn = postSignIn(client, server.adminKey(), "Cookie", "JSESSIONID=" + PLANTED);
    assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(302);
    assertThat(signedIn.header("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith(UI + "/keys.xhtml"));
    String cookie = sessionCookies(signedIn).getLast();
    assertThat(cookie)
        .doesNotContain(PLANTED_ID)
        .containsIgnoringCase("; HttpOnly")
        .containsIgnoringCase("; SameSite=Strict");
    assertThat(sessionsCreated()).isEqualTo(sessionsBefore + 1);
    String session = cookie.substring(0, cookie.indexOf(';'));
    Reply list = client.get(UI + "/keys.xhtml", "Cookie", session);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).contains("API keys");
  }

  @Test
  @Order(4)
  void wrongKeysOnTheSignInPageLockTheAdminApiOutToo() {
    Api client = api.fromOwnAddress();
    Pattern lockedOut = Pattern.compile("Try again in (\\d+) s\\.");
    // each counted wrong key doubles the lock-out; wait until it lasts 2 s or more
    await("a lock-out of 2 s on the sign-in page")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> postSignIn(client, "wrong-" + UUID.randomUUID()).body(),
            body -> {
              Matcher m = lockedOut.matcher(body);
              return m.find() && Integer.parseInt(m.group(1)) >= 2;
            });

    Reply refused = client.get("/admin/api-keys", "X-Admin-Key", server.adminKey());
    assertThat(refused.status()).as("the API shares the page's count").isEqualTo(429);
    assertThat(refused.header("Retry-After")).isPresent();

    // the right key on the API, once the lock-out is over, clears the count for the page too
    await("the end of the lock-out")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> client.get("/admin/api-keys", "X-Admin-Key", server.adminKey()).status() == 200);
    for (int i = 0; i < 2; i++) {
      assertThat(postSignIn(client, "wrong-" + i).body()).contains("That is not the admin key.");
    }
    assertThat(postSignIn(client, server.adminKey()).status()).isEqualTo(302);
  }

  @Test
  @Order(5)
  void pagesAreLockedDown() {
    Reply signIn = api.get(UI + "/signin.xhtml");
    assertThat(signIn.status()).isEqualTo(200);
    assertThat(signIn.header("Cache-Control"))
        .hasValueSatisfying(c -> assertThat(c).startsWith("no-store"));
    assertThat(signIn.header("X-Frame-Options")).hasValue("DENY");

    Reply list = api.get(UI + "/keys.xhtml");
    assertThat(list.status()).isEqualTo(302);
    assertThat(list.header("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith(UI + "/signin.xhtml?reason=required"));

    Reply root = api.get(UI + "/");
    assertThat(root.status()).isEqualTo(302);
    assertThat(root.header("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith(UI + "/keys.xhtml"));

    assertThat(api.get(UI + "/WEB-INF/templates/layout.xhtml").status()).isEqualTo(404);
    Reply source = api.get("/keys.xhtml");
    assertThat(source.status()).isEqualTo(404);
    assertThat(source.body()).doesNotContain("ui:composition");
  }

  @Test
  @Order(6)
  void anAdminReadsAClientsDoNotCallListPageByPage() {
    String client = "dnc-ui-" + UUID.randomUUID().toString().substring(0, 6);
    String rawKey = createThroughTheApi(client, "Dialer", "[\"campaigns\"]");
    // 55 uploaded, one opted out in a call long ago, one added through the API last
    StringBuilder csv = new StringBuilder("phone_number\n");
    for (int i = 0; i < 55; i++) {
      csv.append("+1212555").append(2000 + i).append('\n');
    }
    String dnc = "/api/v1/clients/" + client + "/dnc";
    Reply upload =
        api.upload(
            dnc + "/upload",
            "file",
            "numbers.csv",
            csv.toString().getBytes(StandardCharsets.UTF_8),
            "X-API-Key",
            rawKey);
    assertThat(upload.status()).as(upload.body()).isEqualTo(202);
    JsonNode job = Jobs.awaitEnd(api, rawKey, upload.json().get("job_id").asText());
    assertThat(job.at("/result/added").asLong()).as(job.toString()).isEqualTo(55);
    Database.update(
        server,
        "insert into do_not_call (client_id, phone, added_at, source, call_id)"
            + " values (?, '+12125550150', timestamptz '2025-03-15 10:30:00+00', 'call', 'call_it')",
        client);
    Reply added =
        api.post(
            dnc,
            "{\"phone_number\": \"+12125559999\", \"reason\": \"asked by email\"}",
            "X-API-Key",
            rawKey);
    assertThat(added.status()).as(added.body()).isEqualTo(201);

    // behind sign-in like every other page
    Reply anonymous = api.get(UI + "/dnc.xhtml?client=" + client);
    assertThat(anonymous.status()).isEqualTo(302);
    assertThat(anonymous.header("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith(UI + "/signin.xhtml?reason=required"));

    open("/signin.xhtml");
    signInWith(server.adminKey());
    onPage("keys.xhtml", "API keys");
    browser.findElement(By.id("navDnc")).click();
    onPage("dnc.xhtml", "Do-not-call lists");
    assertThat(text(By.id("empty"))).startsWith("Enter a client id");

    // from the client's keys to its list
    browser.findElement(By.id("navKeys")).click();
    onPage("keys.xhtml", "API keys");
    filterBy(client);
    browser.findElement(By.id("clientDnc")).click();
    onPage("dnc.xhtml?client=" + client, "Do-not-call lists");
    assertThat(text(By.cssSelector("#dnc caption")))
        .isEqualTo("Client " + client + ": 57 numbers, newest first (1–50)");
    List<WebElement> rows = browser.findElements(By.cssSelector("#dnc tbody tr"));
    assertThat(rows).hasSize(50);
    assertThat(cells(rows.get(0))).startsWith("+12125559999", "api").endsWith("", "asked by email");
    assertThat(cells(rows.get(1)).get(1)).isEqualTo("upload");
    assertThat(text(By.id("pageOf"))).isEqualTo("Page 1 of 2");
    assertThat(browser.findElements(By.id("previous"))).isEmpty();
    chromium.screenshot("13-dnc-list");

    browser.findElement(By.id("next")).click();
    onPage("dnc.xhtml?client=" + client + "&page=2", "Do-not-call lists");
    rows = browser.findElements(By.cssSelector("#dnc tbody tr"));
    assertThat(rows).hasSize(7);
    assertThat(cells(rows.get(6)))
        .containsExactly("+12125550150", "opt_out", "2025-03-15 10:30:00 UTC", "call_it", "");
    assertThat(text(By.id("pageOf"))).isEqualTo("Page 2 of 2");
    assertThat(browser.findElements(By.id("next"))).isEmpty();
    chromium.screenshot("14-dnc-list-page-2");

    // the API's rule for client ids; a client without numbers says so
    open("/dnc.xhtml?client=" + URLEncoder.encode("acme/x", StandardCharsets.UTF_8));
    onPage("dnc.xhtml", "Do-not-call lists");
    assertThat(text(By.id("clientError"))).startsWith("client_id must contain only");
    open("/dnc.xhtml?client=" + client + "-none");
    onPage("dnc.xhtml", "Do-not-call lists");
    assertThat(text(By.id("empty")))
        .isEqualTo("Client " + client + "-none has no numbers on its do-not-call list.");
  }

  private static List<String> cells(WebElement row) {
    return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void repeatedWrongKeysLockTheAddressOutForAWhile() {
    open("/signin.xhtml");
    Pattern lockedOut = Pattern.compile("Try again in (\\d+) s\\.");
    // each counted wrong key doubles the lock-out; wait until it is long enough to test reliably
    String refusal =
        new WebDriverWait(browser, Duration.ofSeconds(60))
            .pollingEvery(Duration.ofMillis(50))
            .until(
                b -> {
                  signInWith("wrong-" + UUID.randomUUID());
                  String message = text(By.id("signin:keyMessage"));
                  Matcher m = lockedOut.matcher(message);
                  return m.find() && Integer.parseInt(m.group(1)) >= 4 ? message : null;
                });
    assertThat(refusal).startsWith("Too many wrong keys from your address.");
    chromium.screenshot("13-locked-out");

    signInWith(server.adminKey());
    onSignIn();
    assertThat(text(By.id("signin:keyMessage")))
        .as("during a lock-out even the right key is refused")
        .matches("Too many wrong keys from your address\\. Try again in \\d+ s\\.");

    // the lock-out ends by itself and the right key signs in, which clears this address's record:
    // the admin API shares it, and tests after this one use the API from this machine
    new WebDriverWait(browser, Duration.ofSeconds(60))
        .pollingEvery(Duration.ofMillis(250))
        .until(
            b -> {
              signInWith(server.adminKey());
              return b.getCurrentUrl().contains(UI + "/keys.xhtml");
            });
    onPage("keys.xhtml", "API keys");
  }

  // --- plain HTTP -----------------------------------------------------------------------------

  private static final Pattern HIDDEN_FIELD =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\"[^>]*?value=\"([^\"]*)\"");

  /**
   * The sign-in form sent as a browser would: fetch the page, post the key with its hidden fields.
   */
  private static Reply postSignIn(Api client, String key, String... headers) {
    Map<String, String> fields = hiddenFields(client.get(UI + "/signin.xhtml", headers));
    assertThat(fields).containsKey("jakarta.faces.ViewState");
    fields.put("signin:key", key);
    fields.put("signin:submit", "Sign in");
    String form =
        fields.entrySet().stream()
            .map(
                field ->
                    URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return client.send(
        "POST", UI + "/signin.xhtml", form, "application/x-www-form-urlencoded", headers);
  }

  private static Map<String, String> hiddenFields(Reply page) {
    assertThat(page.status()).isEqualTo(200);
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher matcher = HIDDEN_FIELD.matcher(page.body());
    while (matcher.find()) {
      fields.put(matcher.group(1), matcher.group(2));
    }
    return fields;
  }

  /** How many sessions the application has made so far (Liberty's vendor metric). */
  private static double sessionsCreated() {
    Matcher matcher =
        Pattern.compile("(?m)^session_create_total\\{appname=\"default_host_\"[^}]*} (\\S+)$")
            .matcher(api.get("/metrics?scope=vendor").body());
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  private static List<String> sessionCookies(Reply reply) {
    return reply.headers().entrySet().stream()
        .filter(h -> h.getKey().equalsIgnoreCase("Set-Cookie"))
        .flatMap(h -> h.getValue().stream())
        .filter(cookie -> cookie.startsWith("JSESSIONID="))
        .toList();
  }

  // --- the API side ---------------------------------------------------------------------------

  /** The key is listed as active and a request made with it succeeds on the campaign API. */
  private static void assertKeyWorksOnTheApi(String client, String hash, String rawKey) {
    assertThat(activeHashes(client)).contains(hash);
    assertThat(server.api().get("/api/v1/campaigns", "X-API-Key", rawKey).status()).isEqualTo(200);
  }

  /** The key is no longer listed and the campaign API refuses it at once. */
  private static void assertKeyRefusedByTheApi(String client, String hash, String rawKey) {
    assertThat(activeHashes(client)).doesNotContain(hash);
    assertThat(activeHashes(null)).doesNotContain(hash);
    assertThat(server.api().get("/api/v1/campaigns", "X-API-Key", rawKey).status()).isEqualTo(401);
  }

  private static List<String> activeHashes(String client) {
    Reply reply =
        api.get(
            "/admin/api-keys" + (client == null ? "" : "/" + client),
            "X-Admin-Key",
            server.adminKey());
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<String> hashes = new ArrayList<>();
    for (JsonNode key : reply.json().get("keys")) {
      hashes.add(key.get("key_hash").asText());
    }
    return hashes;
  }

  /** Creates a key through the admin API; answers the raw key. */
  private static String createThroughTheApi(String client, String name, String scopesJson) {
    Reply reply =
        api.post(
            "/admin/api-keys",
            "{\"client_id\":\"%s\",\"name\":\"%s\",\"scopes\":%s}"
                .formatted(client, name, scopesJson),
            "X-Admin-Key",
            server.adminKey());
    assertThat(reply.status()).isEqualTo(201);
    return reply.json().get("api_key").asText();
  }

  // --- the browser side -----------------------------------------------------------------------

  private void open(String view) {
    browser.get(server.baseUrl() + UI + view);
  }

  private void onSignIn() {
    onPage("signin.xhtml", "Sign in");
  }

  private void onPage(String view, String heading) {
    wait.until(ExpectedConditions.urlContains(UI + "/" + view));
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), heading));
  }

  private void signInWith(String key) {
    WebElement field = browser.findElement(By.id("signin:key"));
    field.clear();
    field.sendKeys(key);
    submit(By.id("signin:submit"));
  }

  /**
   * Clicks a submit button and waits until the answer has replaced the page: a mark set on the old
   * document is gone once the new one has loaded. (Asking the old button whether it is stale is not
   * reliable: Chromium sometimes answers with a generic inspector error instead.)
   */
  private void submit(By button) {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    js.executeScript("window.outdialOldPage = true;");
    browser.findElement(button).click();
    wait.until(
        b -> {
          try {
            return Boolean.TRUE.equals(
                js.executeScript(
                    "return window.outdialOldPage === undefined"
                        + " && document.readyState === 'complete';"));
          } catch (WebDriverException navigating) {
            return false;
          }
        });
  }

  private void filterBy(String client) {
    WebElement field = browser.findElement(By.id("client"));
    field.clear();
    field.sendKeys(client);
    submit(By.id("filter"));
    onPage("keys.xhtml?client=" + client, "API keys");
  }

  private String viewStateOf(String form) {
    return browser
        .findElement(By.cssSelector("#" + form + " input[name='jakarta.faces.ViewState']"))
        .getDomProperty("value");
  }

  private void setViewStateOf(String form, String value) {
    ((JavascriptExecutor) browser)
        .executeScript(
            "document.querySelector('#' + arguments[0]"
                + " + ' input[name=\"jakarta.faces.ViewState\"]').value = arguments[1];",
            form,
            value);
  }

  private String text(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by)).getText().strip();
  }

  private String labelOf(String inputId) {
    return browser.findElement(By.cssSelector("label[for='" + inputId + "']")).getText().strip();
  }

  private List<List<String>> rows() {
    List<List<String>> rows = new ArrayList<>();
    for (WebElement row : browser.findElements(By.cssSelector("table.keys tbody tr"))) {
      rows.add(
          row.findElements(By.tagName("td")).stream().map(td -> td.getText().strip()).toList());
    }
    return rows;
  }

  private static List<String> row(List<List<String>> rows, String name) {
    return rows.stream().filter(r -> r.get(1).equals(name)).findFirst().orElseThrow();
  }

  private WebElement revokeLinkOf(String name) {
    return browser.findElement(
        By.xpath(
            "//table[contains(@class,'keys')]//tr[td[2][normalize-space()='"
                + name
                + "']]//a[contains(@class,'revoke')]"));
  }
}
