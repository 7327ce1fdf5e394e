import { eq } from 'drizzle-orm';
import { db } from './client';
import { eventMembers, events, sessions, users } from './schema';
import { hashPassword } from '../auth/password';
import { zonedDay, zonedLocalToInstant } from '../domain/time';
import { countryName } from '../domain/countries';
import type { AttendanceMode, LiveMode, Role, SessionKind } from '../domain/roles';

export interface DemoAccount {
  role: string;
  email: string;
  password: string;
}

export const DEMO_SLUG = 'women-smi-innovations';
export const DEMO_CODE = 'JAKARTA';
export const DEMO_PASSWORD = 'balai-demo';
const TZ = 'Asia/Jakarta';

const COUNTRIES = ['BD', 'KH', 'FJ', 'IN', 'ID', 'IR', 'MY', 'MN', 'NP', 'PK', 'PH', 'LK', 'VN'] as const;

const ACCOUNTS: { label: string; email: string; name: string; role: Role; mode: AttendanceMode; country: string; org: string }[] = [
  { label: 'organizer', email: 'organizer@balai.example', name: 'Siti Rahmawati', role: 'organizer', mode: 'in_person', country: 'ID', org: 'Programme Secretariat' },
  { label: 'moderator', email: 'moderator@balai.example', name: 'Ana Dela Cruz', role: 'moderator', mode: 'in_person', country: 'PH', org: 'Development Academy' },
  { label: 'presenter', email: 'presenter@balai.example', name: 'Dr. Priya Raman', role: 'presenter', mode: 'remote', country: 'IN', org: 'Institute of Small Enterprises' },
  { label: 'participant (online)', email: 'online@balai.example', name: 'Tenzin Gurung', role: 'participant', mode: 'remote', country: 'NP', org: 'Federation of Women Entrepreneurs' },
  { label: 'participant (in the hall)', email: 'hall@balai.example', name: 'Nguyen Thi Lan', role: 'participant', mode: 'in_person', country: 'VN', org: 'Women Entrepreneurs Council' },
];

const FIRST = ['Aisha', 'Farida', 'Meera', 'Sokha', 'Mere', 'Dewi', 'Zahra', 'Nurul', 'Oyun', 'Sita', 'Ayesha', 'Maria', 'Nadeesha', 'Linh', 'Rina', 'Kavita', 'Bopha', 'Ana', 'Laila', 'Bolor'];
const LAST = ['Rahman', 'Hossain', 'Sharma', 'Chan', 'Naidu', 'Putri', 'Karimi', 'Aziz', 'Bat-Erdene', 'Thapa', 'Khan', 'Reyes', 'Perera', 'Tran', 'Wijaya', 'Iyer', 'Sok', 'Santos', 'Ahmadi', 'Ganbold'];

/** A five-day programme; times are wall-clock in Jakarta. */
const DAY_PLAN: { day: number; from: string; to: string; title: string; kind: SessionKind; mode: LiveMode; speakers?: string[]; room?: string }[] = [
  { day: 1, from: '00:00', to: '23:59', title: 'Open networking lounge (all day)', kind: 'other', mode: 'meeting', room: 'Lounge' },
  { day: 1, from: '09:00', to: '09:45', title: 'Opening ceremony and programme overview', kind: 'plenary', mode: 'webinar', speakers: ['Siti Rahmawati'], room: 'Main hall' },
  { day: 1, from: '10:00', to: '11:00', title: 'Keynote: women-owned SMIs in Asia and the Pacific', kind: 'plenary', mode: 'webinar', speakers: ['Dr. Priya Raman'], room: 'Main hall' },
  { day: 1, from: '11:00', to: '11:15', title: 'Coffee break', kind: 'break', mode: 'meeting' },
  { day: 1, from: '11:15', to: '12:30', title: 'Panel: access to finance and markets', kind: 'panel', mode: 'webinar', speakers: ['Ana Dela Cruz', 'Dr. Priya Raman'], room: 'Main hall' },
  { day: 1, from: '13:30', to: '15:00', title: 'Country presentations I', kind: 'workshop', mode: 'meeting', room: 'Main hall' },
  { day: 2, from: '09:00', to: '10:30', title: 'Digital tools for small manufacturers', kind: 'plenary', mode: 'webinar', speakers: ['Dr. Priya Raman'], room: 'Main hall' },
  { day: 2, from: '10:45', to: '12:30', title: 'Breakout work: diagnosing barriers', kind: 'breakout_work', mode: 'meeting', room: 'Rooms A–D' },
  { day: 2, from: '13:30', to: '15:00', title: 'Country presentations II', kind: 'workshop', mode: 'meeting', room: 'Main hall' },
  { day: 3, from: '08:00', to: '16:00', title: 'Site visit: batik cooperative in Jakarta (streamed)', kind: 'other', mode: 'webinar', room: 'Off-site' },
  { day: 4, from: '09:00', to: '10:30', title: 'Green and inclusive value chains', kind: 'plenary', mode: 'webinar', speakers: ['Ana Dela Cruz'], room: 'Main hall' },
  { day: 4, from: '10:45', to: '12:30', title: 'Breakout work: drafting action plans', kind: 'breakout_work', mode: 'meeting', room: 'Rooms A–D' },
  { day: 5, from: '09:00', to: '11:00', title: 'Action plan presentations', kind: 'workshop', mode: 'meeting', room: 'Main hall' },
  { day: 5, from: '11:15', to: '12:00', title: 'Closing and certificates', kind: 'plenary', mode: 'webinar', speakers: ['Siti Rahmawati'], room: 'Main hall' },
];

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Seeds the demo programme on an empty database (starting today in Jakarta so
 * "now" and "next" mean something) and returns the demo accounts to print.
 */
export async function seedDemo({ now = new Date(), evenIfNotEmpty = false } = {}): Promise<DemoAccount[]> {
  const d = await db();
  const accounts = ACCOUNTS.map((a) => ({ role: a.label, email: a.email, password: DEMO_PASSWORD }));
  const [existing] = await d.select({ id: events.id }).from(events).where(eq(events.slug, DEMO_SLUG));
  if (existing) return accounts;
  const [anyEvent] = await d.select({ id: events.id }).from(events).limit(1);
  if (anyEvent && !evenIfNotEmpty) return [];

  const start = zonedDay(now, TZ);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await d.transaction(async (tx) => {
    const [event] = await tx
      .insert(events)
      .values({
        slug: DEMO_SLUG,
        title: 'Innovations of Women-owned Small and Medium Industries',
        description:
          'A five-day international knowledge-sharing programme for 13 Asia-Pacific countries: in the hall in Jakarta and online. Each participant leaves with an action plan for their own country.',
        timeZone: TZ,
        startDate: start,
        endDate: addDays(start, 4),
        venueName: 'Balai Kartini Convention Hall',
        venueAddress: 'Jl. Gatot Subroto Kav. 37, Jakarta 12950, Indonesia',
        joinCode: DEMO_CODE,
      })
      .onConflictDoNothing()
      .returning();
    if (!event) return;

    for (const a of ACCOUNTS) {
      const [user] = await tx.insert(users).values({ name: a.name, email: a.email, passwordHash }).onConflictDoNothing().returning();
      if (!user) continue;
      await tx
        .insert(eventMembers)
        .values({ eventId: event.id, userId: user.id, role: a.role, attendanceMode: a.mode, country: a.country, organisation: a.org });
    }

    const participants = Array.from({ length: 55 }, (_, i) => {
      const country = COUNTRIES[i % COUNTRIES.length]!;
      return {
        name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
        email: `participant${String(i + 1).padStart(2, '0')}@balai.example`,
        country,
        mode: (i % 3 === 2 ? 'remote' : 'in_person') as AttendanceMode,
      };
    });
    const inserted = await tx
      .insert(users)
      .values(participants.map((p) => ({ name: p.name, email: p.email })))
      .onConflictDoNothing()
      .returning({ id: users.id, email: users.email });
    const byEmail = new Map(participants.map((p) => [p.email, p]));
    if (inserted.length) {
      await tx.insert(eventMembers).values(
        inserted.map((u) => {
          const p = byEmail.get(u.email!)!;
          return { eventId: event.id, userId: u.id, role: 'participant' as const, attendanceMode: p.mode, country: p.country, organisation: `Women SMI Association, ${countryName(p.country)}` };
        }),
      );
    }

    await tx.insert(sessions).values(
      DAY_PLAN.map((s) => {
        const day = addDays(start, s.day - 1);
        return {
          eventId: event.id,
          title: s.title,
          description: '',
          startsAt: zonedLocalToInstant(`${day}T${s.from}`, TZ),
          endsAt: zonedLocalToInstant(`${day}T${s.to}`, TZ),
          kind: s.kind,
          liveMode: s.mode,
          speakers: s.speakers ?? [],
          venueRoom: s.room ?? '',
        };
      }),
    );
  });
  return accounts;
}
