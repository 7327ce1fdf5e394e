import { getFormatter, getTranslations } from 'next-intl/server';
import { PLAN_SECTIONS, type PlanContent, type PlanSection } from '@/lib/contracts/plans';
import { CommentForm } from './CommentForm';

export interface ViewComment {
  id: string;
  section: PlanSection;
  body: string;
  createdAt: Date;
  authorName: string | null;
}

/** A plan read-only, section by section, with each section's comments (and a form when the viewer may comment). */
export async function PlanView(props: {
  slug: string;
  planId: string;
  content: PlanContent;
  comments?: ViewComment[];
  canComment?: boolean;
  /** The author's page shows only the sections someone commented on (the editor above shows the text). */
  onlyCommented?: boolean;
}) {
  const t = await getTranslations('plans');
  const format = await getFormatter();
  return (
    <div className="stack">
      {PLAN_SECTIONS.map((section) => {
        const comments = (props.comments ?? []).filter((c) => c.section === section);
        if (props.onlyCommented && comments.length === 0) return null;
        const label = t(`sections.${section}`);
        return (
          <section key={section} className="card stack plans-section" aria-labelledby={`plan-${section}`}>
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
            {props.comments && (
              <div className="plans-comments">
                <h3 style={{ margin: 0 }}>{t('comments.on', { section: label })}</h3>
                {comments.length === 0 ? (
                  <p className="muted" style={{ margin: 0 }}>
                    {t('comments.none')}
                  </p>
                ) : (
                  <ul aria-label={t('comments.on', { section: label })}>
                    {comments.map((c) => (
                      <li key={c.id}>
                        <p className="plans-text" style={{ margin: 0 }}>
                          {c.body}
                        </p>
                        <small className="muted">
                          {t('comments.by', { name: c.authorName ?? '—', time: format.dateTime(c.createdAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
                        </small>
                      </li>
                    ))}
                  </ul>
                )}
                {props.canComment && <CommentForm slug={props.slug} planId={props.planId} section={section} sectionLabel={label} />}
              </div>
            )}
          </section>
        );
      })}
    </div>
  );
}

function Activities(props: { content: PlanContent; empty: string; labels: { title: string; start: string; end: string; responsible: string } }) {
  const rows = props.content.activities.filter((a) => a.title.trim());
  if (rows.length === 0) return <p className="muted">{props.empty}</p>;
  return (
    <div className="plans-table-wrap">
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
