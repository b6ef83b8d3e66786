import { describe, expect, it } from "vitest";
import {
  deliverNotificationEmails,
  sendDailyDigests,
  type SendMail,
} from "../../app/domain/forum/email-notifications.server";
import { createReply, createTopic } from "../../app/domain/forum/posting.server";
import { loadSignedInUser } from "../../app/domain/identity/users.server";
import { signingSecret } from "../../app/infra/auth.server";
import { getDb } from "../../app/infra/db.server";
import { useAppServer } from "../support/app-server";
import { validReport } from "../support/reports";

const baseUrl = useAppServer();
const user = async (username: string) => (await loadSignedInUser(await getDb(), { username }))!;
const categoryId = async (slug: string) => (await (await getDb()).category.findUniqueOrThrow({ where: { slug } })).id;

// The SMTP server is outside the app: a recording function stands in for it, as the mailer's interface allows.
function mailbox() {
  const sent: Parameters<SendMail>[0][] = [];
  const send: SendMail = async (mail) => {
    sent.push(mail);
  };
  return { sent, send };
}

describe("e-mail notifications", () => {
  it("e-mails an unread mention once, with an unsubscribe link that works", async () => {
    const db = await getDb();
    // The demo content's own notifications are old news: mark them e-mailed.
    await db.notification.updateMany({ data: { emailedAt: new Date() } });
    await createTopic(db, await user("julien.roux"), {
      categoryId: await categoryId("problemes-interoperabilite"),
      title: "WFS 2.0 : pagination par startIndex ignorée",
      raw: "@claire.martin pouvez-vous vérifier côté Prodige ?",
      report: validReport,
    });
    const { sent, send } = mailbox();
    const settings = { publicUrl: baseUrl(), secret: signingSecret() };
    const later = new Date(Date.now() + 120_000);
    expect(await deliverNotificationEmails(db, send, settings, { now: later })).toBe(1);
    expect(await deliverNotificationEmails(db, send, settings, { now: later })).toBe(0);
    expect(sent[0]!.to).toBe("claire.martin@mairie-saint-aubin.test.proconnect.gouv.fr");
    expect(sent[0]!.subject).toBe(
      "[CICCLO Interop] Julien Roux vous a mentionné : WFS 2.0 : pagination par startIndex ignorée",
    );
    expect(sent[0]!.text).toContain("pouvez-vous vérifier côté Prodige");

    const page = await fetch(sent[0]!.unsubscribeUrl);
    expect(page.status).toBe(200);
    expect((await db.user.findUniqueOrThrow({ where: { username: "claire.martin" } })).emailNotifications).toBe(true);
    // A mail client's one-click unsubscribe: a POST to the same link.
    const oneClick = await fetch(sent[0]!.unsubscribeUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain("vous ne recevrez plus de courriels");
    expect((await db.user.findUniqueOrThrow({ where: { username: "claire.martin" } })).emailNotifications).toBe(false);
    const forged = await fetch(`${baseUrl()}/email/unsubscribe?u=1&t=forged`, { method: "POST" });
    expect(forged.status).toBe(400);

    await createReply(db, await user("julien.roux"), {
      topicId: (await db.topic.findFirstOrThrow({ where: { title: { startsWith: "WFS 2.0" } } })).id,
      raw: "@claire.martin relance",
    });
    expect(await deliverNotificationEmails(db, send, settings, { now: new Date(Date.now() + 120_000) })).toBe(0);
  });

  it("sends a daily digest of the day's new topics each user may read, and nothing about private ones", async () => {
    const db = await getDb();
    await db.user.updateMany({ data: { lastDigestAt: null } });
    await createTopic(db, await user("karim.haddad"), {
      categoryId: await categoryId("securite"),
      title: "Faille dans un module d'export",
      raw: "Confidentiel.",
    });
    await createTopic(db, await user("admin"), {
      categoryId: await categoryId("annonces"),
      title: "Réunion CICCLO du 3 décembre",
      raw: "Ordre du jour.",
    });
    const { sent, send } = mailbox();
    await sendDailyDigests(db, send, { publicUrl: baseUrl(), secret: signingSecret() });
    const toSophie = sent.find((mail) => mail.to.startsWith("sophie.bernard"))!;
    expect(toSophie.text).toContain("Réunion CICCLO du 3 décembre");
    expect(toSophie.text).not.toContain("Faille");
    const toModerator = sent.find((mail) => mail.to.startsWith("karim.haddad"));
    expect(toModerator?.text ?? "").not.toContain("Faille dans un module d'export");
    const again = mailbox();
    expect(await sendDailyDigests(db, again.send, { publicUrl: baseUrl(), secret: signingSecret() })).toBe(0);
  });
});
