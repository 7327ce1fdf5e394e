import { z } from 'zod';

export const EmailSchema = z.email({ message: 'Enter a valid e-mail address.' }).max(254);
export const DisplayNameSchema = z.string().trim().min(1, 'Enter your name.').max(80, 'Keep the name under 80 characters.');
export const PasswordSchema = z.string().min(8, 'Use at least 8 characters.').max(200);
export const JoinCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{4,12}$/, 'An event code is 4–12 letters and digits.');

export const SignUpSchema = z.object({ name: DisplayNameSchema, email: EmailSchema, password: PasswordSchema });
export type SignUp = z.infer<typeof SignUpSchema>;

export const SignInSchema = z.object({ email: EmailSchema, password: z.string().min(1).max(200) });
export const GuestJoinSchema = z.object({ code: JoinCodeSchema, name: DisplayNameSchema });
export type GuestJoin = z.infer<typeof GuestJoinSchema>;
