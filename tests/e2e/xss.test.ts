// Stored XSS through the posts' Markdown, end to end: each payload of tests/e2e/xss-payloads.ts is published as its
// own post through the same form POST as the composer, then the topics are rendered by Chromium (client-side
// navigation, which inserts the posts with innerHTML, and server rendering), every link and button in the posts is
// clicked and every image hovered. A payload that ran calls alert('<name>') or bumps window.__xss. A payload the
// Content-Security-Policy stopped still got through the sanitizer: that fails the test too.
import type { Page, Request } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserAvailable, browserProblems, useBrowser, waitForInteractive } from "./browser";
import { xssPayloads, type XssPayload } from "./xss-payloads";

const browser = useBrowser();

const CATEGORY = "Problèmes d'interopérabilité";
const POSTS_PER_TOPIC = 15;
const RUN = Date.now().toString(36);

/** What a payload that ran leaves behind, gathered over every navigation of the page. */
interface Hits {
  dialogs: string[];
  xssCounter: string[];
  popups: string[];
}

// Runs before the page's scripts, in every frame: window.__xss counts the payloads that bump it, and reports
// each increment to the test, so that a hit survives the navigation that may follow it.
const COUNT_XSS = `
(() => {
  let count = 0;
  Object.defineProperty(window, "__xss", {
    configurable: false,
    get: () => count,
    set: (value) => {
      count = value;
      if (typeof window.__e2eXssHit === "function") window.__e2eXssHit(String(location.href));
    },
  });
})();
`;

async function instrument(page: Page): Promise<Hits> {
  const hits: Hits = { dialogs: [], xssCounter: [], popups: [] };
  page.on("dialog", (dialog) => {
    hits.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  const context = page.context();
  await context.exposeBinding("__e2eXssHit", (_source, where: string) => {
    hits.xssCounter.push(where);
  });
  await context.addInitScript({ content: COUNT_XSS });
  context.on("page", (popup) => {
    if (popup === page) return;
    hits.popups.push(popup.url());
    void popup.close().catch(() => undefined);
  });
  // Links to other sites answer "204 No Content": the browser stays on the topic, and nothing leaves the machine.
  const appHost = new URL(inject("baseUrl")).host;
  await page.route(
    (url) => url.protocol.startsWith("http") && url.host !== appHost,
    (route) => route.fulfill({ status: 204 }),
  );
  return hits;
}

/** A topic of the run, and which payload each of its posts carries. */
interface PlacedTopic {
  path: string;
  title: string;
  payloadByPost: Map<number, XssPayload>;
}

/** Publishes the payloads through the composer's own form POST (with the page's anti-forgery token). */
async function publish(page: Page): Promise<PlacedTopic[]> {
  await page.goto("/new-topic");
  const csrf = await page.locator('form#composer input[name="csrf"]').inputValue();
  const category = await page.locator("#topic-category option", { hasText: CATEGORY }).getAttribute("value");
  expect(csrf).not.toBe("");
  const topics: PlacedTopic[] = [];
  for (let start = 0; start < xssPayloads.length; start += POSTS_PER_TOPIC) {
    const group = xssPayloads.slice(start, start + POSTS_PER_TOPIC);
    const index = topics.length + 1;
    // The title is an attempt too: React must write it as text (h1, breadcrumb, lists, <title>).
    const title = `Essai XSS ${index} (${RUN}) "><script>alert('title-${index}')</script><img src=x onerror=alert('title-${index}')>`;
    // The category asks for a typed report: its free-text fields (rendered in the report box above the posts) and
    // its URL carry attempts too.
    const report = {
      reporting: "prodige@5.1",
      affected: "georchestra",
      "affectedVersion.georchestra": "24.0.2",
      classUri: "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
      endpointUrl: `https://example.org/items?q="><script>alert('endpoint-${index}')</script>`,
      steps: group[0]!.markdown,
      expected: `"><img src=x onerror=alert('expected-${index}')>`,
      actual: group.at(-1)!.markdown,
      severity: "major",
    };
    const created = await page.request.post("/new-topic", {
      form: { csrf, category: category!, title, raw: group[0]!.markdown, ...report, intent: "publish" },
      maxRedirects: 0,
    });
    expect(created.status(), `publishing ${group[0]!.name}: ${(await created.text()).slice(0, 300)}`).toBe(302);
    const path = new URL(created.headers().location!, "http://x").pathname;
    const payloadByPost = new Map<number, XssPayload>([[1, group[0]!]]);
    for (const payload of group.slice(1)) {
      const replied = await page.request.post(path, {
        form: { csrf, raw: payload.markdown, intent: "publish" },
        maxRedirects: 0,
      });
      expect(replied.status(), `publishing ${payload.name}: ${(await replied.text()).slice(0, 300)}`).toBe(302);
      const postNumber = Number(/#post-(\d+)$/.exec(replied.headers().location ?? "")?.[1]);
      expect(postNumber, `post number of ${payload.name}`).toBeGreaterThan(1);
      payloadByPost.set(postNumber, payload);
    }
    topics.push({ path, title, payloadByPost });
  }
  return topics;
}

const URL_ATTRIBUTES = ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background"];
const FORBIDDEN_TAGS = [
  "script",
  "style",
  "iframe",
  "frame",
  "object",
  "embed",
  "base",
  "meta",
  "link",
  "form",
  "button",
  "textarea",
  "select",
  "svg",
  "math",
  "template",
  "noscript",
  "audio",
  "video",
  "source",
];

/** What no post body may contain, per post number (or "preview"). */
async function domFindings(page: Page, bodies: string): Promise<Array<{ post: string; finding: string }>> {
  return page.locator(bodies).evaluateAll(
    (elements, { urlAttributes, forbiddenTags }) =>
      elements.flatMap((body) => {
        const post = body.closest("article")?.id.replace("post-", "") ?? "preview";
        const findings: string[] = [];
        for (const element of body.querySelectorAll("*")) {
          const tag = element.localName;
          if (forbiddenTags.includes(tag)) findings.push(`<${tag}> element`);
          if (tag === "input" && !(element.getAttribute("type") === "checkbox" && element.hasAttribute("disabled"))) {
            findings.push(`<input type="${element.getAttribute("type")}"> that is not a disabled checkbox`);
          }
          for (const attribute of element.attributes) {
            const name = attribute.name.toLowerCase();
            if (name.startsWith("on")) findings.push(`<${tag} ${name}="${attribute.value}">`);
            if (name === "style" || name === "srcdoc") findings.push(`<${tag} ${name}="${attribute.value}">`);
            // Browsers ignore ASCII whitespace and control characters around and inside the scheme.
            // eslint-disable-next-line no-control-regex -- they are exactly what this looks for
            const squeezed = attribute.value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
            if (urlAttributes.includes(name) && /^(javascript|vbscript|data|livescript):/.test(squeezed)) {
              findings.push(`<${tag} ${name}="${attribute.value}">`);
            }
          }
        }
        if (body.querySelector("a[href^='javascript:' i]")) findings.push("a javascript: link");
        return findings.map((finding) => ({ post, finding }));
      }),
    { urlAttributes: URL_ATTRIBUTES, forbiddenTags: FORBIDDEN_TAGS },
  );
}

/** Clicks every link and button of the posts, opens every <details>, hovers every image and highlighted span;
 * returns to the topic when a click left it for another page of the site. */
async function interactWithPosts(page: Page, topicUrl: string, navigations: string[]): Promise<void> {
  const appHost = new URL(topicUrl).host;
  const targets = page.locator("article.post .post__body").locator("a, button, summary, img, span, input");
  const count = await targets.count();
  for (let index = 0; index < count; index += 1) {
    const target = targets.nth(index);
    const { tag, html } = await target.evaluate((element) => ({
      tag: element.localName,
      html: element.outerHTML.slice(0, 200),
    }));
    if (tag === "img" || tag === "span") {
      await target.hover({ timeout: 1_000, force: true }).catch(() => undefined);
      continue;
    }
    let navigation: string | undefined;
    const onRequest = (request: Request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) navigation = request.url();
    };
    page.on("request", onRequest);
    // Hidden ones (a link in a closed <details>) get a synthetic click: for a link, the browser follows it all the same.
    await target
      .click({ timeout: 1_000, noWaitAfter: true })
      .catch(() => target.dispatchEvent("click").catch(() => undefined));
    await page.waitForTimeout(100);
    page.off("request", onRequest);
    // Other sites answer 204 (see instrument()): the browser stays on the topic.
    const leaving = navigation !== undefined && new URL(navigation).host === appHost;
    if (leaving) await page.waitForURL((url) => url.href !== topicUrl, { timeout: 5_000 }).catch(() => undefined);
    if (leaving || page.url() !== topicUrl) {
      await page.waitForLoadState();
      navigations.push(`${html} → ${page.url()}`);
      await page.goto(topicUrl);
      await waitForInteractive(page);
    }
  }
}

function describePayload(topic: PlacedTopic, post: string): string {
  return post === "preview" ? post : (topic.payloadByPost.get(Number(post))?.name ?? `post #${post}`);
}

async function signIn(page: Page, returnTo: string): Promise<void> {
  await page.goto(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByRole("button", { name: /Claire Martin/ }).click();
  await page.waitForURL((url) => url.pathname === returnTo);
}

/** Everything that says a payload got through, empty lists when none did. */
function verdict(page: Page, hits: Hits, findings: string[], navigations: string[]) {
  const problems = browserProblems(page);
  const appOrigin = new URL(inject("baseUrl")).origin;
  return {
    dialogs: hits.dialogs,
    xssCounter: hits.xssCounter,
    popups: hits.popups,
    // Stopped by the Content-Security-Policy, hence let through by the sanitizer.
    blockedByCsp: problems.cspViolations.filter((entry) => entry.startsWith("event:")),
    cspConsole: problems.cspViolations.filter((entry) => !entry.startsWith("event:")),
    pageErrors: problems.pageErrors,
    domFindings: findings,
    // A relative link in a post leads to another page of the site: harmless. Anything else (data:, an error page)
    // is not.
    navigationsOffTheSite: navigations.filter((entry) => !entry.includes(`→ ${appOrigin}/`)),
  };
}

const CLEAN: ReturnType<typeof verdict> = {
  dialogs: [],
  xssCounter: [],
  popups: [],
  blockedByCsp: [],
  cspConsole: [],
  pageErrors: [],
  domFindings: [],
  navigationsOffTheSite: [],
};

describe.skipIf(!browserAvailable)("stored XSS in posts", () => {
  it(`neutralizes ${xssPayloads.length} payloads in published posts and topic titles`, async () => {
    const names = xssPayloads.map((payload) => payload.name);
    expect(new Set(names).size, "payload names are unique").toBe(names.length);

    const page = await browser.newPage();
    await signIn(page, "/new-topic");
    const hits = await instrument(page);

    const topics = await publish(page);
    const findings: string[] = [];
    const navigations: string[] = [];
    for (const topic of topics) {
      const topicUrl = new URL(topic.path, inject("baseUrl")).href;
      // Client-side navigation first: React inserts the posts with innerHTML.
      await page.goto("/latest");
      await waitForInteractive(page);
      await page.getByRole("link", { name: topic.title, exact: true }).click();
      await page.waitForURL(topicUrl);
      await page.locator("main article.post").first().waitFor();
      expect(await page.locator("main h1").innerText()).toBe(topic.title);
      expect(await page.locator("article.post").count()).toBe(topic.payloadByPost.size);
      // Then the server's rendering, parsed by the browser's HTML parser.
      await page.reload();
      await waitForInteractive(page);
      expect(await page.title()).toBe(`${topic.title} — CICCLO Interop`);
      await interactWithPosts(page, topicUrl, navigations);
      await page.waitForTimeout(300);
      for (const { post, finding } of await domFindings(page, "article.post .post__body")) {
        findings.push(`${describePayload(topic, post)}: ${finding}`);
      }
      const pageLevel = await page.evaluate(() => ({
        base: document.querySelectorAll("base").length,
        refresh: document.querySelectorAll("meta[http-equiv]").length,
        iframes: document.querySelectorAll("iframe, object, embed").length,
      }));
      expect(pageLevel, `page-level elements on ${topic.path}`).toEqual({ base: 0, refresh: 0, iframes: 0 });
    }
    expect(verdict(page, hits, findings, navigations)).toEqual(CLEAN);
  }, 90_000);

  it("neutralizes the same payloads in the composer's live preview", async () => {
    const page = await browser.newPage();
    await signIn(page, "/new-topic");
    const hits = await instrument(page);
    await waitForInteractive(page);

    const textarea = page.getByRole("textbox", { name: /^Message/ });
    const findings: string[] = [];
    for (const payload of xssPayloads) {
      // A paragraph of its own before the payload (a blank line apart, so it does not change how the payload parses)
      // tells when the preview shows this payload and not the previous one.
      const marker = `Aperçu de ${payload.name}`;
      await textarea.fill(`${marker}\n\n${payload.markdown}`);
      // Checked at every frame: a locator's own polling would wait up to half a second more each time.
      await page.waitForFunction(
        (expected) => document.querySelector(".composer__preview .post__body > p")?.textContent === expected,
        marker,
        { polling: "raf" },
      );
      for (const image of await page.locator(".composer__preview img").all()) {
        await image.hover({ timeout: 1_000, force: true }).catch(() => undefined);
      }
      for (const { finding } of await domFindings(page, ".composer__preview .post__body")) {
        findings.push(`${payload.name}: ${finding}`);
      }
    }
    await page.waitForTimeout(300);
    expect(new URL(page.url()).pathname).toBe("/new-topic");
    expect(verdict(page, hits, findings, [])).toEqual(CLEAN);
  }, 60_000);

  it("would see a payload that got through: the detectors themselves are tested", async () => {
    const page = await browser.newPage();
    const hits = await instrument(page);
    await page.goto("/latest");
    const topicPath = await page.locator("main tbody a[href^='/t/']").first().getAttribute("href");
    // The server's page, with the first post body as if the sanitizer had let two payloads through.
    await page.route(`**${topicPath}`, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(
        '<div class="post__body">',
        `<div class="post__body"><img src="/e2e-xss-missing.png" alt="" onerror="alert('canary-img')"><a href="javascript:alert('canary-link')">canari</a>`,
      );
      await route.fulfill({ response, body: html });
    });
    const topicUrl = new URL(topicPath!, inject("baseUrl")).href;
    await page.goto(topicUrl);
    await waitForInteractive(page);
    const navigations: string[] = [];
    await interactWithPosts(page, topicUrl, navigations);
    // What a payload running despite the policy would do.
    await page.evaluate(() => {
      window.alert("canary-dialog");
      const counted = window as unknown as { __xss?: number };
      counted.__xss = (counted.__xss ?? 0) + 1;
    });
    const findings = (await domFindings(page, "article.post .post__body")).map(
      ({ post, finding }) => `${post}: ${finding}`,
    );
    await expect
      .poll(() => browserProblems(page).cspViolations.filter((entry) => entry.startsWith("event:")).length)
      .toBeGreaterThanOrEqual(2);

    const seen = verdict(page, hits, findings, navigations);
    expect(seen.dialogs).toEqual(["alert: canary-dialog"]);
    expect(seen.xssCounter).toHaveLength(1);
    expect(seen.blockedByCsp).toEqual(
      expect.arrayContaining([
        // The policy has no 'report-sample': the event does not quote the code. The DOM findings name the payload.
        expect.stringMatching(/^event: script-src-attr blocked inline/),
        // The javascript: link, clicked.
        expect.stringMatching(/^event: script-src-elem blocked inline/),
      ]),
    );
    expect(seen.domFindings).toEqual(
      expect.arrayContaining([
        `1: <img onerror="alert('canary-img')">`,
        `1: <a href="javascript:alert('canary-link')">`,
        "1: a javascript: link",
      ]),
    );
  });
});
