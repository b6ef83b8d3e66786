// Background work of the app process: notification e-mails every minute, daily digests, the tracker's inactivity
// reminders, the purge of staged conformance uploads older than 24 h, outgoing webhooks every WEBHOOK_POLL_SECONDS,
// the search outbox (applied as it fills; the index rebuilt at start when it needs it). Each job claims its rows before acting, so several replicas can run it without
// sending twice (docs/decisions).
import { purgeExpiredUploads } from "../domain/conformance/staged-uploads.server";
import { sendInactivityReminders } from "../domain/tracker/reminders.server";
import { deliverNotificationEmails, sendDailyDigests } from "../domain/forum/email-notifications.server";
import { deliverDueWebhooks } from "../domain/tracker/webhooks.server";
import { signingSecret } from "../infra/auth.server";
import { getDb } from "../infra/db.server";
import { getEnv } from "../infra/env.server";
import { logger } from "../infra/logger.server";
import { sendMail } from "../infra/mailer.server";
import { startSearchWorker } from "../domain/search/engine.server";

const EVERY_MINUTE = 60_000;

export function startJobs(): () => Promise<void> {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const db = await getDb();
      const settings = { publicUrl: getEnv().publicUrl, secret: signingSecret() };
      const emails = await deliverNotificationEmails(db, sendMail, settings);
      const digests = await sendDailyDigests(db, sendMail, settings);
      if (emails || digests) logger.info({ emails, digests }, "e-mails sent");
      const reminders = await sendInactivityReminders(db, new Date());
      if (reminders) logger.info({ reminders }, "inactivity reminders sent");
      const purged = await purgeExpiredUploads(db, new Date());
      if (purged) logger.info({ purged }, "expired staged conformance uploads deleted");
    } catch (error) {
      logger.error({ err: error }, "background job failed; retrying next minute");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(run, EVERY_MINUTE);
  timer.unref();
  const stopWebhooks = every(getEnv().WEBHOOK_POLL_SECONDS * 1000, async () => {
    const sent = await deliverDueWebhooks(await getDb());
    if (sent.delivered || sent.retrying || sent.failed) logger.info(sent, "webhook deliveries attempted");
  });
  const stopSearch = startSearchWorker(getDb);
  logger.info("background jobs started");
  return async () => {
    clearInterval(timer);
    stopWebhooks();
    await stopSearch();
  };
}

/** Runs `work` every `ms`, never two runs at once; a failure is logged and the next tick tries again. */
function every(ms: number, work: () => Promise<void>): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await work();
    } catch (error) {
      logger.error({ err: error }, "background job failed; retrying at the next tick");
    } finally {
      running = false;
    }
  }, ms);
  timer.unref();
  return () => clearInterval(timer);
}
