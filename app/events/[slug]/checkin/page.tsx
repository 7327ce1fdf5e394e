import { getLocale, getTranslations } from 'next-intl/server';
import { loadEventFor } from '../../../_lib/event-access';
import { AttendanceNav } from '../../../_attend/AttendanceNav';
import { countryOptions } from '../../../_attend/countries';
import { eventRooms } from '@/lib/services/venue-rooms';
import { CheckinScanner } from './CheckinScanner';

export async function generateMetadata() {
  const t = await getTranslations('checkin');
  return { title: t('title') };
}

/** The helper's phone at the door. Organizers and moderators only (helpers are made moderators). */
export default async function CheckinPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { event, member } = await loadEventFor(slug, `/events/${slug}/checkin`, 'checkin:scan');
  const [t, locale, rooms] = await Promise.all([getTranslations('checkin'), getLocale(), eventRooms(event.id)]);
  const countryNames = Object.fromEntries(countryOptions(locale).map((c) => [c.code, c.name]));
  return (
    <div className="stack attend-page" style={{ maxWidth: 720 }}>
      <AttendanceNav slug={event.slug} role={member.role} current="checkin" />
      <h1>{t('heading', { event: event.title })}</h1>
      <CheckinScanner eventId={event.id} countryNames={countryNames} rooms={rooms} />
    </div>
  );
}
