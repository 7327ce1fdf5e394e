import { requireUser } from '@/lib/auth/current-user';
import { createEventAction } from '../actions';
import { EventForm } from '../EventForm';

export const metadata = { title: 'New event' };

export default async function NewEventPage() {
  await requireUser('/events/new');
  return (
    <div className="card" style={{ maxWidth: 760 }}>
      <h1>New event</h1>
      <p className="muted">You become its organizer. You can add sessions and invite people next.</p>
      <EventForm action={createEventAction} submitLabel="Create event" />
    </div>
  );
}
