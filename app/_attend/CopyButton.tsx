'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

/** Copies a link; the link itself stays visible and selectable for browsers without clipboard access. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useTranslations('registration');
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      className="secondary"
      aria-label={label}
      onClick={() => {
        navigator.clipboard.writeText(text).then(
          () => setState('copied'),
          () => setState('failed'),
        );
      }}
    >
      {state === 'copied' ? t('copied') : state === 'failed' ? t('copyFailed') : t('copy')}
    </button>
  );
}
