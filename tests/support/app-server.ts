// The built app served over real HTTP, in the test's process, on its own database (worker-database.ts).
import { afterAll, beforeAll } from "vitest";
import { startServer, type RunningServer } from "../../app/server/main.server";

/** Starts the production server for the calling test file and returns a getter for its base URL. */
export function useAppServer(): () => string {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startServer({ port: 0, host: "127.0.0.1", jobs: false });
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error("The app server is not started yet");
    return server.url;
  };
}
