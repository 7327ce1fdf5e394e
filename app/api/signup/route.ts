import { NextResponse } from 'next/server';
import { SignUpSchema } from '@/lib/contracts/auth';
import { signUp } from '@/lib/services/accounts';
import { DomainError } from '@/lib/errors';

export async function POST(req: Request) {
  const body: unknown = await req.json().catch(() => null);
  const parsed = SignUpSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return NextResponse.json({ error: { code: 'invalid_payload', message: issue?.message ?? 'Check the form.', field: issue?.path[0] } }, { status: 400 });
  }
  try {
    const user = await signUp(parsed.data);
    return NextResponse.json({ id: user.id }, { status: 201 });
  } catch (err) {
    if (err instanceof DomainError) return NextResponse.json({ error: { code: err.code, message: err.message } }, { status: 409 });
    throw err;
  }
}
