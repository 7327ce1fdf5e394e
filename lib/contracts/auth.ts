import { z } from 'zod';

export const EmailSchema = z.email({ message: 'validation.email' }).max(254);
export const DisplayNameSchema = z.string().trim().min(1, 'validation.name').max(80, 'validation.nameTooLong');
export const PasswordSchema = z.string().min(8, 'validation.password').max(200);
export const JoinCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{4,12}$/, 'validation.eventCode');

export const SignUpSchema = z.object({ name: DisplayNameSchema, email: EmailSchema, password: PasswordSchema });
export type SignUp = z.infer<typeof SignUpSchema>;

export const SignInSchema = z.object({ email: EmailSchema, password: z.string().min(1).max(200) });
export const GuestJoinSchema = z.object({ code: JoinCodeSchema, name: DisplayNameSchema });
export type GuestJoin = z.infer<typeof GuestJoinSchema>;
