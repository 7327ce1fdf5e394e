import { getLocale, getTimeZone, getTranslations } from 'next-intl/server';
import { formatStamp, localCountryName } from '@/lib/i18n/format';
import type { PlanPdfLabels } from '@/lib/services/plan-pdf';

/** The PDF's headings in the viewer's language. */
export async function planPdfLabels(): Promise<PlanPdfLabels> {
  const [t, timeZone, locale] = await Promise.all([getTranslations('plans'), getTimeZone(), getLocale()]);
  return {
    sections: {
      problem: t('sections.problem'),
      objectives: t('sections.objectives'),
      activities: t('sections.activities'),
      indicators: t('sections.indicators'),
      partners: t('sections.partners'),
      resources: t('sections.resources'),
    },
    activity: { title: t('activity.title'), start: t('activity.start'), end: t('activity.end'), responsible: t('activity.responsible') },
    empty: t('empty'),
    heading: (p) => t('headingPdf', { country: p.country ? localCountryName(p.country, locale) : t('countryUnknown') }),
    meta: (p) => t('metaPdf', { name: p.ownerName, version: p.version, date: formatStamp(p.updatedAt, locale, timeZone) }),
  };
}

export function pdfResponse(bytes: Uint8Array, filename: string): Response {
  return new Response(Buffer.from(bytes), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]+/g, '-')}"`,
      'cache-control': 'private, no-store',
    },
  });
}
