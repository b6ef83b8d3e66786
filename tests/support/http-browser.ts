// A browser played with fetch, for integration tests that cross origins (the app and the ProConnect stand-in): one
// cookie jar per origin, redirects followed one at a time, forms submitted like a click on a button.

class CookieJar {
  readonly #cookies = new Map<string, string>();

  store(response: Response): void {
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = setCookie.split(";");
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => /^\s*(expires=.*1970|max-age=0)/i.test(attribute));
      if (expired || !value) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }
}

export interface Page {
  url: URL;
  status: number;
  html: string;
}

export class HttpBrowser {
  readonly #jars = new Map<string, CookieJar>();

  jar(origin: string): CookieJar {
    let jar = this.#jars.get(origin);
    if (!jar) this.#jars.set(origin, (jar = new CookieJar()));
    return jar;
  }

  async request(url: URL, init: RequestInit = {}): Promise<Response> {
    const jar = this.jar(url.origin);
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { accept: "text/html", cookie: jar.header(), ...init.headers },
    });
    jar.store(response);
    return response;
  }

  /** Follows redirects (across origins, as a browser does) until a page, or until `stopAt` matches a URL. */
  async goto(url: URL | string, init: RequestInit = {}, stopAt?: (url: URL) => boolean): Promise<Page> {
    let current = new URL(url);
    let response = await this.request(current, init);
    for (let hops = 0; hops < 15; hops++) {
      const location = response.headers.get("location");
      if (!location || response.status < 300 || response.status >= 400) {
        return { url: current, status: response.status, html: await response.text() };
      }
      current = new URL(location, current);
      if (stopAt?.(current)) return { url: current, status: response.status, html: "" };
      response = await this.request(current);
    }
    throw new Error(`Too many redirects, last at ${current.href}`);
  }

  /** Submits the first form of the page (or the one whose action contains `actionContains`). */
  submit(
    page: Page,
    fields: Record<string, string>,
    options: { actionContains?: string; stopAt?: (url: URL) => boolean } = {},
  ) {
    const forms = [...page.html.matchAll(/<form[^>]*method="post"[^>]*action="([^"]+)"/gi)].map((match) => match[1]!);
    const action = forms.find((candidate) => !options.actionContains || candidate.includes(options.actionContains));
    if (!action) throw new Error(`No matching form on ${page.url.href}`);
    return this.goto(
      new URL(action.replaceAll("&amp;", "&"), page.url),
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString(),
      },
      options.stopAt,
    );
  }
}
