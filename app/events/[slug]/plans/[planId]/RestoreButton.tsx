'use client';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { uuid } from '../../../../_lib/uuid';
import { restorePlanAction } from '../actions';

export function RestoreButton(props: { slug: string; planId: string; version: number }) {
  const t = useTranslations('plans');
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const revisionId = useRef(uuid()); // one id per click target: a retried restore is applied once
  return (
    <>
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            try {
              const result = await restorePlanAction(props.slug, { planId: props.planId, version: props.version, revisionId: revisionId.current });
              if (!result.ok) setError(result.error.message);
              else if (result.data.status === 'conflict') setError(t('status.conflict'));
              else router.push(`/events/${props.slug}/plans?restored=${props.version}&r=${revisionId.current}`);
            } catch {
              setError(t('status.offline'));
            }
          })
        }
      >
        {t('history.restore')}
      </button>
      {error && (
        <span role="alert" className="alert error">
          {error}
        </span>
      )}
    </>
  );
}
