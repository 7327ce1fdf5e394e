import nodemailer, { type Transporter } from 'nodemailer';
import { env } from '../env';

/**
 * Outgoing e-mail through SMTP_URL. Without it Balai sends nothing and the
 * organizer copies links from the registration page instead.
 */
let transport: Transporter | undefined;

export const mailConfigured = () => Boolean(env().SMTP_URL);

export async function sendMail(message: { to: string; subject: string; text: string }): Promise<void> {
  const url = env().SMTP_URL;
  if (!url) throw new Error('SMTP_URL is not configured.');
  transport ??= nodemailer.createTransport(url);
  await transport.sendMail({ from: env().SMTP_FROM, ...message });
}
