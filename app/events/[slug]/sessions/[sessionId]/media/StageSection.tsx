'use client';
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import type { LiveStageProps } from './LiveStage';

// mediasoup-client and the stage UI load only here, after the page is interactive.
const LiveStage = dynamic(() => import('./LiveStage').then((m) => m.LiveStage), {
  ssr: false,
  loading: () => <StageLoading />,
});

function StageLoading() {
  const t = useTranslations('media');
  return (
    <p className="muted" role="status">
      {t('loadingStage')}
    </p>
  );
}

export function StageSection(props: LiveStageProps) {
  return <LiveStage {...props} />;
}
