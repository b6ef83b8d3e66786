// Plays the browser against the stand-in with plain fetch: keeps its cookies and follows its redirects one at a
// time, stopping when one leaves for the service (the client's redirect URIs, where no server listens in tests).

/** Name → value, whatever the cookie's path: enough for one origin, and a superset of what a browser sends. */
class CookieJar {
  #cookies = new Map<string, string>();

  store(response: Response): void {
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = setCookie.split(";");
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => /^\s*expires=.*1970/i.test(attribute));
      if (expired || !value) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

export interface Arrival {
  url: URL;
  response: Response;
}

export class Browser {
  readonly #jar = new CookieJar();
  readonly #origin: string;

  constructor(standinUrl: string) {
    this.#origin = new URL(standinUrl).origin;
  }

  async request(url: URL | string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { accept: "text/html", cookie: this.#jar.header(), ...init.headers },
    });
    this.#jar.store(response);
    return response;
  }

  /** Follows redirects within the stand-in; returns the page it shows or the URL it sends the browser to elsewhere. */
  async navigate(url: URL | string, init: RequestInit = {}): Promise<Arrival> {
    let current = new URL(url);
    let response = await this.request(current, init);
    for (let hops = 0; hops < 10; hops += 1) {
      const location = response.headers.get("location");
      if (!location) return { url: current, response };
      current = new URL(location, current);
      if (current.origin !== this.#origin) return { url: current, response };
      response = await this.request(current);
    }
    throw new Error(`Too many redirects, last at ${current.href}`);
  }

  /** Submits the page's form the way a click on the button `name=value` would. */
  submit(page: Arrival, html: string, fields: Record<string, string>): Promise<Arrival> {
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`No form on ${page.url.href}`);
    return this.navigate(new URL(action.replaceAll("&amp;", "&"), page.url), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
  }
}
