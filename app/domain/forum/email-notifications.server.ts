import type { Db } from "~/infra/db.server";
import { hmac, safeEqual } from "~/domain/identity/tokens.server";
import type { Role } from "~/domain/identity/viewer";
import { excerptFromMarkdown } from "./markdown";
import type { NotificationKind } from "./notifications.server";
import { visibleCategoriesWhere } from "./permissions";

export type SendMail = (mail: {
  to: string;
  subject: string;
  text: string;
  html: string;
  unsubscribeUrl: string;
}) => Promise<void>;

export interface MailSettings {
  publicUrl: string;
  secret: string;
}

const SUBJECT: Record<Exclude<NotificationKind, "reaction">, string> = {
  mention: "vous a mentionné",
  group_mention: "a mentionné votre groupe",
  reply: "vous a répondu",
  quote: "vous a cité",
  posted: "a écrit",
  assigned: "vous a assigné un sujet",
  reminder: "vous rappelle un sujet sans activité",
  answer_accepted: "a choisi votre réponse comme solution",
  status_changed: "a changé le statut",
  test_flipped: "a changé le résultat d'un test lié",
};

const escapeHtml = (value: string) =>
  value.replace(/[<>&"']/g, (char) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" })[char]!);

export function unsubscribeToken(secret: string, userId: number): string {
  return hmac(secret, `unsubscribe:${userId}`);
}

export function unsubscribeUrl(settings: MailSettings, userId: number): string {
  return `${settings.publicUrl}/email/unsubscribe?u=${userId}&t=${unsubscribeToken(settings.secret, userId)}`;
}

/** Turns off every e-mail for the user named by a signed unsubscribe link. */
export async function unsubscribe(db: Db, secret: string, userId: number, token: string): Promise<boolean> {
  if (!Number.isSafeInteger(userId) || !safeEqual(unsubscribeToken(secret, userId), token)) return false;
  const { count } = await db.user.updateMany({
    where: { id: userId },
    data: { emailNotifications: false, emailDigest: false },
  });
  return count === 1;
}

/**
 * Sends the e-mails of notifications nobody has read in the app after `delayMs`, at most `batch` at a time.
 * Each is claimed (emailedAt set) before sending, so two workers never send it twice; a failed send is released
 * for the next run. Reactions are not e-mailed; users who turned e-mail off are skipped.
 */
export async function deliverNotificationEmails(
  db: Db,
  send: SendMail,
  settings: MailSettings,
  options: { now?: Date; delayMs?: number; batch?: number } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const due = await db.notification.findMany({
    where: {
      emailedAt: null,
      readAt: null,
      kind: { not: "reaction" },
      createdAt: {
        lte: new Date(now.getTime() - (options.delayMs ?? 60_000)),
        gt: new Date(now.getTime() - 2 * 86_400_000),
      },
      user: { emailNotifications: true },
    },
    orderBy: { id: "asc" },
    take: options.batch ?? 50,
    include: { user: { select: { id: true, email: true } } },
  });
  let sent = 0;
  for (const notification of due) {
    const { count } = await db.notification.updateMany({
      where: { id: notification.id, emailedAt: null },
      data: { emailedAt: now },
    });
    if (count === 0) continue;
    const data = JSON.parse(notification.data) as { topicTitle: string; topicSlug: string; actor: string };
    const post = await db.post.findFirst({
      where: { topicId: notification.topicId, postNumber: notification.postNumber, deletedAt: null, hiddenAt: null },
      select: { raw: true },
    });
    const link = `${settings.publicUrl}/t/${data.topicSlug}/${notification.topicId}/${notification.postNumber}#post-${notification.postNumber}`;
    const what = SUBJECT[notification.kind as keyof typeof SUBJECT] ?? "a écrit";
    const where = notification.kind === "status_changed" ? "de" : notification.kind === "test_flipped" ? "à" : "dans";
    const excerpt = post ? excerptFromMarkdown(post.raw, 400) : "";
    const unsubscribe = unsubscribeUrl(settings, notification.user.id);
    try {
      await send({
        to: notification.user.email,
        subject: `[CICCLO Interop] ${data.actor} ${what} : ${data.topicTitle}`,
        text: `${data.actor} ${what} ${where} « ${data.topicTitle} ».\n\n${excerpt}\n\nLire et répondre : ${link}\n\nNe plus recevoir de courriels : ${unsubscribe}\n`,
        html: `<p>${escapeHtml(data.actor)} ${what} ${where} « ${escapeHtml(data.topicTitle)} ».</p><blockquote>${escapeHtml(excerpt)}</blockquote><p><a href="${escapeHtml(link)}">Lire et répondre</a></p><p style="font-size:small"><a href="${escapeHtml(unsubscribe)}">Ne plus recevoir de courriels</a></p>`,
        unsubscribeUrl: unsubscribe,
      });
      sent++;
    } catch (error) {
      await db.notification.update({ where: { id: notification.id }, data: { emailedAt: null } });
      throw error;
    }
  }
  return sent;
}

/** Once a day per user: the new topics of the last day that they may read. Nothing is sent on a quiet day. */
export async function sendDailyDigests(
  db: Db,
  send: SendMail,
  settings: MailSettings,
  now = new Date(),
): Promise<number> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const users = await db.user.findMany({
    where: { emailDigest: true, OR: [{ lastDigestAt: null }, { lastDigestAt: { lte: dayAgo } }] },
    select: { id: true, email: true, role: true, memberships: { select: { group: { select: { name: true } } } } },
    take: 500,
  });
  let sent = 0;
  for (const user of users) {
    const reader = { role: user.role as Role, userId: user.id, groups: user.memberships.map((m) => m.group.name) };
    const { count } = await db.user.updateMany({
      where: { id: user.id, OR: [{ lastDigestAt: null }, { lastDigestAt: { lte: dayAgo } }] },
      data: { lastDigestAt: now },
    });
    if (count === 0) continue;
    const topics = await db.topic.findMany({
      where: {
        deletedAt: null,
        createdAt: { gt: dayAgo, lte: now },
        userId: { not: user.id },
        category: visibleCategoriesWhere(reader),
      },
      orderBy: { createdAt: "desc" },
      take: 20,
      include: { category: { select: { name: true } } },
    });
    if (topics.length === 0) continue;
    const lines = topics.map((topic) => ({
      title: topic.title,
      category: topic.category.name,
      link: `${settings.publicUrl}/t/${topic.slug}/${topic.id}`,
    }));
    const unsubscribe = unsubscribeUrl(settings, user.id);
    await send({
      to: user.email,
      subject: `[CICCLO Interop] ${topics.length} nouveau${topics.length > 1 ? "x" : ""} sujet${topics.length > 1 ? "s" : ""} depuis hier`,
      text: `${lines.map((line) => `- ${line.title} (${line.category}) : ${line.link}`).join("\n")}\n\nNe plus recevoir de courriels : ${unsubscribe}\n`,
      html: `<ul>${lines.map((line) => `<li><a href="${escapeHtml(line.link)}">${escapeHtml(line.title)}</a> (${escapeHtml(line.category)})</li>`).join("")}</ul><p style="font-size:small"><a href="${escapeHtml(unsubscribe)}">Ne plus recevoir de courriels</a></p>`,
      unsubscribeUrl: unsubscribe,
    });
    sent++;
  }
  return sent;
}
