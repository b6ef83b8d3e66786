import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { renderRunsFeed, type RunFeedEntry } from "./runs-feed";

const entry = (id: number, createdAt: string, suite = "ogcapi-features-1.0"): RunFeedEntry => ({
  id,
  url: `https://interop.example.fr/conformance/runs/${id}`,
  createdAt,
  suite: { name: suite, version: "1.9" },
  counts: { total: 6, passed: 2, failed: 1, skipped: 2, error: 1 },
  verdicts: { passed: 0, failed: 1, other: 1 },
});

/** The elements of a document, checking on the way that it is well-formed XML. */
function parseXml(xml: string) {
  const parser = new SaxesParser({ xmlns: true });
  const elements: { name: string; uri: string; text: string; attributes: Record<string, string> }[] = [];
  const open: (typeof elements)[number][] = [];
  parser.on("opentag", (tag) => {
    const element = {
      name: tag.local,
      uri: tag.uri,
      text: "",
      attributes: Object.fromEntries(
        Object.values(tag.attributes).map((attribute) => [attribute.local, attribute.value]),
      ),
    };
    elements.push(element);
    open.push(element);
  });
  parser.on("text", (text) => {
    if (open.length > 0) open.at(-1)!.text += text;
  });
  parser.on("closetag", () => open.pop());
  parser.write(xml).close();
  return elements;
}

const feed = (runs: RunFeedEntry[], deploymentName = "geOrchestra – démonstration") =>
  renderRunsFeed({
    deploymentName,
    solution: "geOrchestra 24.0",
    pageUrl: "https://interop.example.fr/conformance/deployments/georchestra-demo",
    feedUrl: "https://interop.example.fr/conformance/deployments/georchestra-demo/runs.atom",
    fallbackUpdated: "2026-01-01T00:00:00.000Z",
    runs,
  });

describe("renderRunsFeed", () => {
  it("writes an Atom 1.0 feed with one entry per run, newest first, dated by the newest run", () => {
    const elements = parseXml(feed([entry(9, "2026-12-02T10:00:00.000Z"), entry(4, "2026-12-01T10:00:00.000Z")]));
    const root = elements[0]!;
    expect([root.name, root.uri]).toEqual(["feed", "http://www.w3.org/2005/Atom"]);
    const children = (name: string) => elements.filter((element) => element.name === name);
    expect(children("entry")).toHaveLength(2);
    // Feed-level id, title, updated first, then each entry's.
    expect(children("id").map((element) => element.text)).toEqual([
      "https://interop.example.fr/conformance/deployments/georchestra-demo/runs.atom",
      "https://interop.example.fr/conformance/runs/9",
      "https://interop.example.fr/conformance/runs/4",
    ]);
    expect(children("updated").map((element) => element.text)).toEqual([
      "2026-12-02T10:00:00.000Z",
      "2026-12-02T10:00:00.000Z",
      "2026-12-01T10:00:00.000Z",
    ]);
    expect(children("title")[1]!.text).toBe("Passage n° 9 — ogcapi-features-1.0 1.9 : 2 tests réussis, 1 échec sur 6");
    const links = children("link").map((element) => element.attributes);
    expect(links[0]).toMatchObject({ rel: "self", type: "application/atom+xml" });
    expect(links[1]).toMatchObject({
      rel: "alternate",
      href: "https://interop.example.fr/conformance/deployments/georchestra-demo",
    });
    expect(links[2]).toMatchObject({ rel: "alternate", href: "https://interop.example.fr/conformance/runs/9" });
    expect(children("author")).toHaveLength(1);
  });

  it("escapes names that would break the XML", () => {
    const elements = parseXml(feed([entry(1, "2026-12-02T10:00:00.000Z", `<suite & "co">`)], `Démo <b>&</b> 'x'`));
    expect(elements.find((element) => element.name === "title")!.text).toBe(
      `Passages de tests — Démo <b>&</b> 'x' (geOrchestra 24.0)`,
    );
    expect(elements.filter((element) => element.name === "title")[1]!.text).toContain(`<suite & "co">`);
  });

  it("is still a valid feed without any run, dated by the fallback", () => {
    const elements = parseXml(feed([]));
    expect(elements.filter((element) => element.name === "entry")).toEqual([]);
    expect(elements.find((element) => element.name === "updated")!.text).toBe("2026-01-01T00:00:00.000Z");
  });
});
