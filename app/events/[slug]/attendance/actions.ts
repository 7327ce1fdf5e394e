'use server';
import { revalidatePath } from 'next/cache';
import { requireUser } from '@/lib/auth/current-user';
import { issueCertificates, setCertificateThreshold } from '@/lib/services/certificates';
import { domainFormError } from '../../../_lib/form-errors';
import type { FormState } from '../../../_lib/form-state';

export async function certificateAction(eventId: string, slug: string, _prev: FormState<{ issued: number; refreshed: number }>, form: FormData) {
  const user = await requireUser(`/events/${slug}/attendance`);
  const threshold = Number(form.get('threshold'));
  try {
    await setCertificateThreshold(user.id, eventId, threshold);
    const data = await issueCertificates(user.id, eventId);
    revalidatePath(`/events/${slug}`, 'layout');
    return { status: 'ok' as const, message: 'issued', data };
  } catch (err) {
    return domainFormError(err);
  }
}
