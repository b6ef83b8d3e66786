import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "./env.server";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** For mail clients' one-click unsubscribe (RFC 8058). */
  unsubscribeUrl?: string;
}

let transport: Transporter | undefined;

// With SMTP_URL, mail goes out through that server; without it, each message is written as an .eml file in
// MAIL_OUTBOX_DIR, so developers read what would have been sent.
function getTransport(): Transporter {
  transport ??= getEnv().SMTP_URL
    ? nodemailer.createTransport(getEnv().SMTP_URL)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return transport;
}

export async function sendMail(mail: Mail): Promise<void> {
  const env = getEnv();
  const info = await getTransport().sendMail({
    from: env.MAIL_FROM,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.unsubscribeUrl
      ? { "List-Unsubscribe": `<${mail.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
      : {},
  });
  if (!env.SMTP_URL) {
    const dir = path.resolve(env.MAIL_OUTBOX_DIR);
    mkdirSync(dir, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${Math.random().toString(36).slice(2, 8)}.eml`;
    writeFileSync(path.join(dir, name), (info as unknown as { message: Buffer }).message);
  }
}
