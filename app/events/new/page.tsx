import { getTranslations } from 'next-intl/server';
import { requireUser } from '@/lib/auth/current-user';
import { createEventAction } from '../actions';
import { EventForm } from '../EventForm';

export async function generateMetadata() {
  return { title: (await getTranslations('events'))('newEventTitle') };
}

export default async function NewEventPage() {
  await requireUser('/events/new');
  const t = await getTranslations('events');
  return (
    <div className="card" style={{ maxWidth: 760 }}>
      <h1>{t('newEventTitle')}</h1>
      <p className="muted">{t('newEventIntro')}</p>
      <EventForm action={createEventAction} submitLabel={t('createEvent')} />
    </div>
  );
}
