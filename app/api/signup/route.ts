import { NextResponse } from 'next/server';
import { SignUpSchema } from '@/lib/contracts/auth';
import { signUp } from '@/lib/services/accounts';
import { DomainError, errorMessage } from '@/lib/errors';
import { errorText, issueText } from '@/lib/i18n/error-text';
import { requestLocale } from '../../_lib/form-errors';

export async function POST(req: Request) {
  const body: unknown = await req.json().catch(() => null);
  const parsed = SignUpSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const locale = await requestLocale();
    const message = issue ? issueText(issue, locale) : errorText(locale, 'general.invalidPayload');
    return NextResponse.json({ error: { code: 'invalid_payload', message, field: issue?.path[0] } }, { status: 400 });
  }
  try {
    const user = await signUp(parsed.data);
    return NextResponse.json({ id: user.id }, { status: 201 });
  } catch (err) {
    if (err instanceof DomainError) return NextResponse.json({ error: { code: err.code, message: errorMessage(err, await requestLocale()) } }, { status: 409 });
    throw err;
  }
}
