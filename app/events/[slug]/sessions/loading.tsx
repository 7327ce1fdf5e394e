import { getTranslations } from 'next-intl/server';

/*
 * Only under the live session pages: a loading boundary streams the page behind a fallback that needs JavaScript to be
 * replaced, so at the root it left sign-in, sign-up, join and invitation pages (and the event page a guest lands on) at "Loading…" for a
 * browser without JavaScript. Those pages must work as plain HTML forms.
 */
export default async function Loading() {
  const t = await getTranslations('common');
  return (
    <p role="status" className="muted">
      {t('loading')}
    </p>
  );
}
