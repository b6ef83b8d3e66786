// Adds to package-lock.json the platform-specific optional packages (e.g. @rollup/rollup-darwin-arm64) that the
// registry mirror of these machines does not carry. npm 11's `npm ci` refuses a lock that lacks them, and on Linux
// x64 it never downloads them anyway (their os/cpu fields exclude this platform). Run after `npm install`:
//   node scripts/lockfile/complete-optional-platforms.mjs
// See docs/decisions/004-lockfile-platform-packages.md.
import { readFileSync, writeFileSync } from "node:fs";

const OS = ["android", "darwin", "freebsd", "linux", "openbsd", "win32", "openharmony", "sunos", "aix", "netbsd"];
const CPU = {
  arm: "arm",
  "arm-eabi": "arm",
  arm64: "arm64",
  x64: "x64",
  ia32: "ia32",
  loong64: "loong64",
  ppc64: "ppc64",
  riscv64: "riscv64",
  s390x: "s390x",
};

function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  for (let i = 0; i < parts.length; i++) {
    if (!OS.includes(parts[i])) continue;
    const rest = parts.slice(i + 1);
    const cpuKey = rest[0] === "arm" && rest[1] === "eabi" ? "arm-eabi" : rest[0];
    const cpu = CPU[cpuKey];
    if (!cpu) return null;
    const abi = rest.slice(cpuKey === "arm-eabi" ? 2 : 1).join("-");
    const libc = /musl/.test(abi) ? ["musl"] : /gnu/.test(abi) && parts[i] === "linux" ? ["glibc"] : undefined;
    return { os: [parts[i]], cpu: [cpu], ...(libc && { libc }) };
  }
  return null;
}

const file = new URL("../../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [dependency, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const location = `${path ? `${path}/` : ""}node_modules/${dependency}`;
    const hoisted = `node_modules/${dependency}`;
    if (lock.packages[location] || lock.packages[hoisted]) continue;
    const platform = platformOf(dependency);
    if (!platform || !/^\d+\.\d+\.\d+/.test(range)) continue;
    lock.packages[hoisted] = { version: range, ...platform, ...(entry.dev && { dev: true }), optional: true };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform package(s) added.`);
