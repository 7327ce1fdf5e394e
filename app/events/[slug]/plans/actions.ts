'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { currentUser } from '@/lib/auth/current-user';
import { RestorePlanSchema, SavePlanSchema, SharePlanSchema, type SavePlanResult } from '@/lib/contracts/plans';
import { DomainError, errorMessage, type ErrorCode } from '@/lib/errors';
import { errorText, issueText } from '@/lib/i18n/error-text';
import { requestLocale } from '../../../_lib/form-errors';
import { restoreVersion, savePlan, sharePlan } from '@/lib/services/plans';

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

/** The same parse → caller → run → result shape as the socket handlers, for plan actions called from the browser. */
async function run<S extends z.ZodType, T>(schema: S, input: unknown, fn: (userId: string, data: z.infer<S>) => Promise<T>): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const locale = await requestLocale();
    return { ok: false, error: { code: 'invalid_payload', message: first ? issueText(first, locale) : errorText(locale, 'general.invalidPayload') } };
  }
  const user = await currentUser();
  if (!user) return { ok: false, error: { code: 'unauthenticated', message: errorText(await requestLocale(), 'general.signInAgain') } };
  try {
    return { ok: true, data: await fn(user.id, parsed.data) };
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, error: { code: err.code, message: errorMessage(err, await requestLocale()) } };
    throw err;
  }
}

export async function savePlanAction(input: unknown): Promise<ActionResult<SavePlanResult>> {
  return run(SavePlanSchema, input, (userId, data) => savePlan(userId, data));
}

export async function restorePlanAction(slug: string, input: unknown): Promise<ActionResult<SavePlanResult>> {
  const result = await run(RestorePlanSchema, input, (userId, data) => restoreVersion(userId, data.planId, data.version, data.revisionId));
  if (result.ok) revalidatePath(`/events/${slug}/plans`, 'layout');
  return result;
}

export async function sharePlanAction(slug: string, input: unknown): Promise<ActionResult<null>> {
  const result = await run(SharePlanSchema, input, async (userId, data) => {
    await sharePlan(userId, data);
    return null;
  });
  if (result.ok) revalidatePath(`/events/${slug}/plans`);
  return result;
}
