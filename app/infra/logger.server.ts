import pino from "pino";
import { getEnv } from "./env.server";

// One JSON line per event on stdout; operators ship it to their log stack.
export const logger = pino({
  level: getEnv().LOG_LEVEL,
  base: { service: "cicclo-interop" },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});

export type Logger = typeof logger;
