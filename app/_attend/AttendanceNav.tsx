import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { can } from '@/lib/domain/permissions';
import type { Role } from '@/lib/domain/roles';

type Page = 'me' | 'registration' | 'checkin' | 'attendance' | 'programme';

/** Links between the programme-layer pages, each shown only to those who may open it. */
export async function AttendanceNav({ slug, role, current }: { slug: string; role: Role; current?: Page }) {
  const t = await getTranslations('attendance');
  const links: { page: Page; href: string; show: boolean }[] = [
    { page: 'programme', href: `/events/${slug}`, show: true },
    { page: 'me', href: `/events/${slug}/me`, show: true },
    { page: 'registration', href: `/events/${slug}/registration`, show: can({ role }, 'registration:manage') },
    { page: 'checkin', href: `/events/${slug}/checkin`, show: can({ role }, 'checkin:scan') },
    { page: 'attendance', href: `/events/${slug}/attendance`, show: can({ role }, 'attendance:view-all') },
  ];
  return (
    <nav aria-label={t('nav.label')} className="attend-nav">
      {links
        .filter((l) => l.show)
        .map((l) => (
          <Link key={l.page} href={l.href} aria-current={l.page === current ? 'page' : undefined}>
            {t(`nav.${l.page}`)}
          </Link>
        ))}
    </nav>
  );
}
