// A real OGC API - Features server on loopback for tests: Debian's MapServer 8 `mapserv` CGI, spawned once per request
// by a tiny Node HTTP server (no lighttpd needed). See /work/shared/docs/ogc-servers.md for the configuration that
// works. CI installs it with `apt-get install -y --no-install-recommends cgi-mapserver mapserver-bin`.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface RunningMapServer {
  /** The landing page of the OGC API: `http://127.0.0.1:<port>/cgi-bin/mapserv/communes/ogcapi`. */
  readonly baseUrl: string;
  readonly close: () => Promise<void>;
}

/** The collection MapServer serves, named after its layer. */
export const MAPSERVER_COLLECTION_ID = "communes";

const SCRIPT_NAME = "/cgi-bin/mapserv";
const HTML_TEMPLATES = "/usr/share/mapserver/ogcapi/templates/html-plain/";
/** Debian's cgi-mapserver puts the CGI here; mapserver-bin also installs `mapserv` on the PATH. */
const MAPSERV_CANDIDATES = ["/usr/lib/cgi-bin/mapserv", "mapserv"];

/** The first `mapserv` that runs and reports OGC API support, or null. */
function findMapserv(): string | null {
  for (const candidate of MAPSERV_CANDIDATES) {
    if (candidate.startsWith("/") && !existsSync(candidate)) continue;
    const probe = spawnSync(candidate, ["-v"], { encoding: "utf8", timeout: 5_000 });
    if (probe.status === 0 && probe.stdout.includes("SUPPORTS=OGCAPI_SERVER")) return candidate;
  }
  return null;
}

let cachedMapserv: string | null | undefined;
function mapservPath(): string | null {
  if (cachedMapserv === undefined) cachedMapserv = findMapserv();
  return cachedMapserv;
}

export function mapServerAvailable(): boolean {
  return mapservPath() !== null;
}

/**
 * Made-up communes (real INSEE codes and names, approximate centres): each a small square polygon of ~0.02°, so a
 * bbox around a city selects it and nothing far away. "2A004" keeps a non-numeric id in the set.
 */
export const MAPSERVER_COMMUNES: readonly { insee: string; nom: string; lon: number; lat: number }[] = [
  { insee: "75056", nom: "Paris", lon: 2.3522, lat: 48.8566 },
  { insee: "13055", nom: "Marseille", lon: 5.3698, lat: 43.2965 },
  { insee: "69123", nom: "Lyon", lon: 4.8357, lat: 45.764 },
  { insee: "31555", nom: "Toulouse", lon: 1.4442, lat: 43.6047 },
  { insee: "06088", nom: "Nice", lon: 7.262, lat: 43.7102 },
  { insee: "44109", nom: "Nantes", lon: -1.5536, lat: 47.2184 },
  { insee: "34172", nom: "Montpellier", lon: 3.8767, lat: 43.6108 },
  { insee: "67482", nom: "Strasbourg", lon: 7.7521, lat: 48.5734 },
  { insee: "33063", nom: "Bordeaux", lon: -0.5792, lat: 44.8378 },
  { insee: "59350", nom: "Lille", lon: 3.0573, lat: 50.6292 },
  { insee: "35238", nom: "Rennes", lon: -1.6778, lat: 48.1173 },
  { insee: "51454", nom: "Reims", lon: 4.0317, lat: 49.2583 },
  { insee: "42218", nom: "Saint-Étienne", lon: 4.3872, lat: 45.4397 },
  { insee: "83137", nom: "Toulon", lon: 5.928, lat: 43.1242 },
  { insee: "76351", nom: "Le Havre", lon: 0.1079, lat: 49.4944 },
  { insee: "38185", nom: "Grenoble", lon: 5.7245, lat: 45.1885 },
  { insee: "21231", nom: "Dijon", lon: 5.0415, lat: 47.322 },
  { insee: "49007", nom: "Angers", lon: -0.5632, lat: 47.4784 },
  { insee: "30189", nom: "Nîmes", lon: 4.3601, lat: 43.8367 },
  { insee: "63113", nom: "Clermont-Ferrand", lon: 3.087, lat: 45.7772 },
  { insee: "72181", nom: "Le Mans", lon: 0.1996, lat: 48.0061 },
  { insee: "29019", nom: "Brest", lon: -4.4861, lat: 48.3904 },
  { insee: "37261", nom: "Tours", lon: 0.6848, lat: 47.3941 },
  { insee: "80021", nom: "Amiens", lon: 2.2957, lat: 49.8941 },
  { insee: "2A004", nom: "Ajaccio", lon: 8.7369, lat: 41.9192 },
];

const HALF_SIDE_DEGREES = 0.01;

function communesGeoJson(): string {
  const features = MAPSERVER_COMMUNES.map(({ insee, nom, lon, lat }) => {
    const [west, east, south, north] = [
      lon - HALF_SIDE_DEGREES,
      lon + HALF_SIDE_DEGREES,
      lat - HALF_SIDE_DEGREES,
      lat + HALF_SIDE_DEGREES,
    ];
    return {
      type: "Feature",
      properties: { insee, nom, departement: insee.slice(0, 2) },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [west, south],
            [east, south],
            [east, north],
            [west, north],
            [west, south],
          ],
        ],
      },
    };
  });
  return JSON.stringify({ type: "FeatureCollection", features });
}

function mapfile(dataFile: string, port: number): string {
  // Without oga_onlineresource MapServer generates links with duplicated path segments (ogc-servers.md), hence the
  // port baked in here, which is why the HTTP server is listening before this file is written.
  return `MAP
  NAME "communes"
  EXTENT -5.5 41 10 51.5
  PROJECTION "init=epsg:4326" END
  WEB
    METADATA
      "ows_title" "Communes de test CICCLO"
      "ows_srs" "EPSG:4326 EPSG:2154"
      "ows_enable_request" "*"
      "oga_enable_request" "*"
      "oga_onlineresource" "http://127.0.0.1:${port}${SCRIPT_NAME}/communes/ogcapi"
    END
  END
  LAYER
    NAME "${MAPSERVER_COLLECTION_ID}"
    TYPE POLYGON
    STATUS ON
    CONNECTIONTYPE OGR
    CONNECTION "${dataFile}"
    TEMPLATE "VOID"
    PROJECTION "init=epsg:4326" END
    METADATA
      "ows_title" "Communes"
      "gml_include_items" "all"
      "gml_featureid" "insee"
      "gml_types" "auto"
    END
  END
END
`;
}

function configFile(mapfilePath: string, errorLog: string): string {
  return `CONFIG
  ENV
    MS_ERRORFILE "${errorLog}"
    OGCAPI_HTML_TEMPLATE_DIRECTORY "${HTML_TEMPLATES}"
  END
  MAPS
    communes "${mapfilePath}"
  END
END
`;
}

/** Starts MapServer behind a loopback HTTP server on a random port; `close` stops it and removes its files. */
export async function startMapServer(): Promise<RunningMapServer> {
  const mapserv = mapservPath();
  if (!mapserv) throw new Error("mapserv (MapServer 8 with OGCAPI_SERVER) is not installed");

  const workDir = await mkdtemp(path.join(tmpdir(), "cicclo-mapserver-"));
  const dataFile = path.join(workDir, "communes.geojson");
  const mapfilePath = path.join(workDir, "communes.map");
  const configPath = path.join(workDir, "mapserver.conf");
  await writeFile(dataFile, communesGeoJson());
  await writeFile(configPath, configFile(mapfilePath, path.join(workDir, "mapserver.log")));

  const server = createServer((request, response) => runCgi(mapserv, configPath, request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await writeFile(mapfilePath, mapfile(dataFile, port));

  return {
    baseUrl: `http://127.0.0.1:${port}${SCRIPT_NAME}/communes/ogcapi`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

/** Runs one CGI request: standard CGI variables in, "headers, blank line, body" out (RFC 3875). */
function runCgi(mapserv: string, configPath: string, request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  const localPort = request.socket.localPort ?? 0;
  let pathInfo: string;
  try {
    pathInfo = decodeURIComponent(url.pathname.slice(SCRIPT_NAME.length));
  } catch {
    pathInfo = "";
  }
  if (!url.pathname.startsWith(`${SCRIPT_NAME}/`) || pathInfo === "") {
    response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    return;
  }
  // Only the CGI variables: the project's ProcessEnv typing requires NODE_ENV, which a CGI has no use for.
  const cgiEnvironment: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    MAPSERVER_CONFIG_FILE: configPath,
    GATEWAY_INTERFACE: "CGI/1.1",
    SERVER_PROTOCOL: "HTTP/1.1",
    SERVER_SOFTWARE: "cicclo-test-cgi-host",
    REQUEST_METHOD: request.method ?? "GET",
    SCRIPT_NAME,
    PATH_INFO: pathInfo,
    QUERY_STRING: url.search.replace(/^\?/, ""),
    SERVER_NAME: "127.0.0.1",
    SERVER_PORT: String(localPort),
    REMOTE_ADDR: request.socket.remoteAddress ?? "127.0.0.1",
    HTTP_HOST: request.headers.host ?? `127.0.0.1:${localPort}`,
    HTTP_ACCEPT: request.headers.accept ?? "*/*",
  };
  const child = spawn(mapserv, [], {
    env: cgiEnvironment as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const chunks: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
  child.stderr.resume();
  child.on("error", (error) => {
    if (!response.headersSent) response.writeHead(502, { "content-type": "text/plain" });
    response.end(`mapserv failed: ${error.message}`);
  });
  child.on("close", () => {
    if (response.writableEnded) return;
    writeCgiOutput(Buffer.concat(chunks), response);
  });
  request.on("close", () => {
    if (child.exitCode === null) child.kill();
  });
}

function writeCgiOutput(output: Buffer, response: ServerResponse): void {
  let separator = output.indexOf("\r\n\r\n");
  let separatorLength = 4;
  if (separator < 0) {
    separator = output.indexOf("\n\n");
    separatorLength = 2;
  }
  if (separator < 0) {
    response.writeHead(502, { "content-type": "text/plain" }).end("mapserv wrote no CGI headers");
    return;
  }
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of output.subarray(0, separator).toString("latin1").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "status") status = Number.parseInt(value, 10) || 200;
    else headers[name] = value;
  }
  response.writeHead(status, headers).end(output.subarray(separator + separatorLength));
}
