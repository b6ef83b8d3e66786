// A deliberately small OGC API - Features server on node:http, for the probe's negative paths. Why a fake next to the
// real MapServer test: MapServer cannot be made to repeat features across pages, serve a wrong media type on demand,
// send 6 MB, stall, redirect elsewhere or declare Part 2, and those are exactly the paths the probe must judge.
// By default it is compliant, so each test turns on the one misbehaviour it is about.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type AddressInfo } from "node:net";

export interface FakeServerBehaviour {
  /** Every page after the first starts again with the last feature of the previous page. */
  readonly repeatFeatureAcrossPages?: boolean;
  /** `next` links drop every query parameter except `limit` and `offset`. */
  readonly nextDropsFilterParameters?: boolean;
  readonly itemsMediaType?: string;
  /** Items answers carry this many bytes of padding (to exceed the probe's size cap). */
  readonly itemsPaddingBytes?: number;
  /** Items answers wait this long before the headers. */
  readonly itemsDelayMs?: number;
  /** The landing page redirects there instead of answering. */
  readonly landingRedirectTo?: string;
  /** Declares Part 2 and lists these CRS on the collection. */
  readonly crs?: readonly string[];
}

export interface RunningFakeServer {
  readonly baseUrl: string;
  readonly requests: string[];
  readonly close: () => Promise<void>;
}

export const FAKE_COLLECTION_ID = "arrets";
const FEATURE_COUNT = 7;
const KNOWN_ITEMS_PARAMETERS = new Set(["limit", "offset", "bbox", "crs", "f"]);
const CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

/** Points on the diagonal: feature n sits at (n, 40 + n), so a bbox selects a predictable subset. */
const FEATURES = Array.from({ length: FEATURE_COUNT }, (_, index) => ({
  type: "Feature",
  id: `arret-${index + 1}`,
  properties: { nom: `Arrêt ${index + 1}` },
  geometry: { type: "Point", coordinates: [index + 1, 40 + index + 1] },
}));

export async function startFakeOgcApiServer(behaviour: FakeServerBehaviour = {}): Promise<RunningFakeServer> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? "");
    void respond(request, response, behaviour, `http://${request.headers.host ?? "127.0.0.1"}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/ogc`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown, contentType = "application/json"): void {
  response.writeHead(status, { "content-type": contentType }).end(JSON.stringify(body));
}

async function respond(
  request: IncomingMessage,
  response: ServerResponse,
  behaviour: FakeServerBehaviour,
  origin: string,
): Promise<void> {
  const url = new URL(request.url ?? "/", origin);
  const base = `${origin}/ogc`;
  const collectionUrl = `${base}/collections/${FAKE_COLLECTION_ID}`;
  const path = url.pathname.replace(/\/+$/, "");

  if (path === "/ogc") {
    if (behaviour.landingRedirectTo) {
      response.writeHead(302, { location: behaviour.landingRedirectTo }).end();
      return;
    }
    sendJson(response, 200, {
      title: "Faux serveur",
      links: [
        { rel: "self", href: base, type: "application/json" },
        { rel: "service-desc", href: `${base}/api`, type: "application/vnd.oai.openapi+json;version=3.0" },
        { rel: "conformance", href: `${base}/conformance`, type: "application/json" },
        { rel: "data", href: `${base}/collections`, type: "application/json" },
      ],
    });
    return;
  }
  if (path === "/ogc/conformance") {
    const conformsTo = [
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    ];
    if (behaviour.crs) conformsTo.push("http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs");
    sendJson(response, 200, { conformsTo });
    return;
  }
  if (path === "/ogc/api") {
    const openApi = { openapi: "3.0.3", info: { title: "Faux", version: "1" }, paths: { "/": {}, "/collections": {} } };
    sendJson(response, 200, openApi, "application/vnd.oai.openapi+json;version=3.0");
    return;
  }
  const collection = {
    id: FAKE_COLLECTION_ID,
    title: "Arrêts",
    ...(behaviour.crs ? { crs: behaviour.crs, storageCrs: CRS84 } : {}),
    links: [
      { rel: "self", href: collectionUrl, type: "application/json" },
      { rel: "items", href: `${collectionUrl}/items`, type: "application/geo+json" },
    ],
  };
  if (path === "/ogc/collections") {
    sendJson(response, 200, { collections: [collection], links: [{ rel: "self", href: `${base}/collections` }] });
    return;
  }
  if (path === `/ogc/collections/${FAKE_COLLECTION_ID}`) {
    sendJson(response, 200, collection);
    return;
  }
  if (path === `/ogc/collections/${FAKE_COLLECTION_ID}/items`) {
    if (behaviour.itemsDelayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.itemsDelayMs));
    if (response.destroyed) return;
    sendItems(url, response, behaviour, `${collectionUrl}/items`);
    return;
  }
  const featureMatch = new RegExp(`^/ogc/collections/${FAKE_COLLECTION_ID}/items/([^/]+)$`).exec(path);
  if (featureMatch?.[1]) {
    const feature = FEATURES.find(({ id }) => id === decodeURIComponent(featureMatch[1] ?? ""));
    if (!feature) sendJson(response, 404, { code: "NotFound" });
    else sendJson(response, 200, feature, behaviour.itemsMediaType ?? "application/geo+json");
    return;
  }
  sendJson(response, 404, { code: "NotFound" });
}

function sendItems(url: URL, response: ServerResponse, behaviour: FakeServerBehaviour, itemsUrl: string): void {
  const parameters = url.searchParams;
  const unknown = [...parameters.keys()].filter((name) => !KNOWN_ITEMS_PARAMETERS.has(name));
  const limit = Number(parameters.get("limit") ?? "10");
  const offset = Number(parameters.get("offset") ?? "0");
  const bbox = parameters.get("bbox")?.split(",").map(Number);
  if (
    unknown.length > 0 ||
    !Number.isInteger(limit) ||
    limit < 1 ||
    (bbox && (bbox.length !== 4 || bbox.some(Number.isNaN)))
  ) {
    sendJson(response, 400, { code: "InvalidParameterValue" });
    return;
  }
  const crs = parameters.get("crs");
  if (crs && !behaviour.crs?.includes(crs)) {
    sendJson(response, 400, { code: "InvalidParameterValue" });
    return;
  }
  const matching = FEATURES.filter(({ geometry: { coordinates } }) => {
    if (!bbox) return true;
    const [x = 0, y = 0] = coordinates;
    const [minX = 0, minY = 0, maxX = 0, maxY = 0] = bbox;
    return x >= minX && x <= maxX && y >= minY && y <= maxY;
  });
  // The repeating server steps one feature short of a page, so each page repeats the previous page's last feature.
  const step = behaviour.repeatFeatureAcrossPages ? Math.max(1, limit - 1) : limit;
  const page = matching.slice(offset, offset + limit);
  const links = [{ rel: "self", href: url.href, type: "application/geo+json" }];
  if (offset + limit < matching.length) {
    const next = new URL(behaviour.nextDropsFilterParameters ? itemsUrl : url.href);
    next.searchParams.set("limit", String(limit));
    next.searchParams.set("offset", String(offset + step));
    links.push({ rel: "next", href: next.href, type: "application/geo+json" });
  }
  const body: Record<string, unknown> = {
    type: "FeatureCollection",
    features: page,
    numberMatched: matching.length,
    numberReturned: page.length,
    links,
  };
  if (behaviour.itemsPaddingBytes) body.padding = "x".repeat(behaviour.itemsPaddingBytes);
  const headers: Record<string, string> = { "content-type": behaviour.itemsMediaType ?? "application/geo+json" };
  if (crs) headers["content-crs"] = `<${crs}>`;
  response.writeHead(200, headers).end(JSON.stringify(body));
}
