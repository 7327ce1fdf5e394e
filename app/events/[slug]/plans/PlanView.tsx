import { getTranslations } from 'next-intl/server';
import { PLAN_SECTIONS, type PlanContent, type PlanSection } from '@/lib/contracts/plans';
import { CommentedSection, NoCommentsYet, PlanCommentsProvider, SectionComments } from './PlanComments';

export interface ViewComment {
  id: string;
  planId: string;
  section: PlanSection;
  body: string;
  createdAt: Date;
  authorName: string | null;
}

/**
 * A plan read-only, section by section. With `comments`, each section shows its
 * comments live (see PlanComments.tsx) and a form when the viewer may comment.
 */
export async function PlanView(props: {
  planId: string;
  content: PlanContent;
  comments?: ViewComment[];
  canComment?: boolean;
  /** The author's page shows only the sections someone commented on (the editor above shows the text). */
  onlyCommented?: boolean;
}) {
  const t = await getTranslations('plans');
  const sections = PLAN_SECTIONS.map((section) => {
    const label = t(`sections.${section}`);
    return (
      <CommentedSection key={section} section={section} onlyCommented={Boolean(props.onlyCommented)}>
        <section className="card stack plans-section" aria-labelledby={`plan-${section}`}>
          <h2 id={`plan-${section}`} style={{ margin: 0 }}>
            {label}
          </h2>
          {section === 'activities' ? (
            <Activities content={props.content} empty={t('activity.none')} labels={{ start: t('activity.start'), end: t('activity.end'), responsible: t('activity.responsible'), title: t('activity.title') }} />
          ) : props.content[section].trim() ? (
            <p className="plans-text">{props.content[section]}</p>
          ) : (
            <p className="muted">{t('empty')}</p>
          )}
          {props.comments && <SectionComments section={section} sectionLabel={label} canComment={Boolean(props.canComment)} />}
        </section>
      </CommentedSection>
    );
  });
  if (!props.comments) return <div className="stack">{sections}</div>;
  const initial = props.comments.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() }));
  return (
    <PlanCommentsProvider planId={props.planId} initial={initial}>
      {props.onlyCommented && <NoCommentsYet />}
      {sections}
    </PlanCommentsProvider>
  );
}

function Activities(props: { content: PlanContent; empty: string; labels: { title: string; start: string; end: string; responsible: string } }) {
  const rows = props.content.activities.filter((a) => a.title.trim());
  if (rows.length === 0) return <p className="muted">{props.empty}</p>;
  return (
    <div className="plans-table-wrap" tabIndex={0}>
      <table className="plans-table">
        <thead>
          <tr>
            <th scope="col">{props.labels.title}</th>
            <th scope="col">{props.labels.start}</th>
            <th scope="col">{props.labels.end}</th>
            <th scope="col">{props.labels.responsible}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              <td>{a.title}</td>
              <td>{a.start}</td>
              <td>{a.end}</td>
              <td>{a.responsible}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
