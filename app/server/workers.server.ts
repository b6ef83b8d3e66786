// One server process per core (WEB_CONCURRENCY): Node runs JavaScript on one thread, so a single process leaves the
// other cores idle while a signed-in page renders. The primary process only forks workers, relays their cache
// signals and replaces a worker that dies; every worker is a whole app server (startServer) listening on the shared
// port, which the primary hands out connection by connection (docs/decisions/021).
//
// Two things must stay single or shared across workers:
// - caches: each worker keeps its own render, session and read caches; a write in one must empty the others at once,
//   so the writing worker tells the primary, which tells every other worker (on SQLite this is the only channel;
//   on PostgreSQL LISTEN/NOTIFY reaches other machines' workers too, and a duplicate signal only empties twice);
// - background jobs: e-mails, digests, webhooks and the search outbox run in one worker only, which the primary
//   chooses and replaces if it dies (the jobs claim their rows, so a brief overlap sends nothing twice).
import cluster, { type Worker } from "node:cluster";
import type { Logger } from "pino";

const FORGET_CACHES = "cicclo:forget-caches";
/** Set by the primary on the worker that runs the background jobs. */
const JOBS_WORKER_VARIABLE = "CICCLO_JOBS_WORKER";
/** A worker that dies sooner than this after its start is replaced after a pause, so a crash at boot cannot spin. */
const RESTART_PAUSE_MS = 2_000;
const QUICK_DEATH_MS = 10_000;
/** This many quick deaths in a row (a port taken, a database that refuses) stop the server with an error, so that a
 * supervisor (Docker's restart policy, systemd) sees it fail instead of a primary that restarts workers forever. */
const CRASH_LOOP_LIMIT = 5;

/** The young generation's size in each worker, in MB per semi-space (Node's default is 16). A page render allocates
 * a few MB that live as long as its request, tens of milliseconds while a worker has a dozen requests in flight:
 * with the default, much of it outlives a scavenge, is copied, promoted and left to full collections. With 64 MB it
 * dies young (docs/decisions/026 gives the measurements). */
const WORKER_SEMI_SPACE_MB = 64;

/** The Node flags a worker starts with: the primary's own, plus the young generation's size unless the operator set
 * one (on the command line or in NODE_OPTIONS). */
export function workerExecArgv(primaryExecArgv: readonly string[], nodeOptions = ""): string[] {
  const chosen = [...primaryExecArgv, nodeOptions].some((flags) => flags.includes("--max-semi-space-size"));
  return chosen ? [...primaryExecArgv] : [...primaryExecArgv, `--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`];
}

export function isPrimaryOfWorkers(workerCount: number): boolean {
  return workerCount > 1 && cluster.isPrimary;
}

/** In a worker of a clustered server, or a lone process: whether this process should run the background jobs. */
export function runsBackgroundJobs(): boolean {
  return !cluster.isWorker || process.env[JOBS_WORKER_VARIABLE] === "true";
}

/** The worker side of the cache signal: `publish` after a write here, `onStale` when another worker wrote. */
export function workerCacheSignal(onStale: () => void): { publish: () => void } | undefined {
  if (!cluster.isWorker) return undefined;
  process.on("message", (message: unknown) => {
    if (message === FORGET_CACHES) onStale();
  });
  return {
    publish() {
      // The channel to the primary closes while a worker shuts down: nothing to tell then.
      if (process.connected) process.send?.(FORGET_CACHES);
    },
  };
}

/** Forks `count` workers and keeps them running until SIGINT or SIGTERM, which stops them all gracefully. */
export function runPrimary(count: number, logger: Logger): void {
  let jobsWorker: Worker | undefined;
  let stopping = false;
  let quickDeathsInARow = 0;
  const startedAt = new Map<number, number>();

  cluster.setupPrimary({ execArgv: workerExecArgv(process.execArgv, process.env.NODE_OPTIONS) });
  const fork = (runsJobs: boolean) => {
    const worker = cluster.fork({ [JOBS_WORKER_VARIABLE]: String(runsJobs) });
    startedAt.set(worker.id, Date.now());
    if (runsJobs) jobsWorker = worker;
    worker.on("message", (message: unknown) => {
      if (message !== FORGET_CACHES) return;
      for (const other of Object.values(cluster.workers ?? {})) {
        if (other && other !== worker && other.isConnected()) other.send(FORGET_CACHES);
      }
    });
  };

  cluster.on("exit", (worker, code, signal) => {
    const wasJobsWorker = worker === jobsWorker;
    if (wasJobsWorker) jobsWorker = undefined;
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    quickDeathsInARow = lived < QUICK_DEATH_MS ? quickDeathsInARow + 1 : 0;
    if (quickDeathsInARow >= CRASH_LOOP_LIMIT) {
      logger.fatal({ deaths: quickDeathsInARow }, "server workers keep dying at start; stopping");
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
      process.exit(1);
    }
    logger.error({ worker: worker.process.pid, code, signal }, "server worker died; starting another");
    setTimeout(() => fork(wasJobsWorker), lived < QUICK_DEATH_MS ? RESTART_PAUSE_MS : 0);
  });

  for (let index = 0; index < count; index++) fork(index === 0);
  logger.info({ workers: count }, "server workers started");

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      stopping = true;
      logger.info({ signal }, "stopping server workers");
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
      setTimeout(() => process.exit(0), 10_000).unref();
    });
  }
}
