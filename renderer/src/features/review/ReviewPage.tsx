/**
 * 复核: the manager's desk. Two tabs: the review queue (open risk flags and escalated tasks,
 * oldest first, each opened in a drawer to decide and comment) and quality sampling.
 * Only managers and administrators reach it (the route and every channel check the role).
 */
import { Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReviewQueue } from './ReviewQueue';
import { SamplesPane } from '../samples/SamplesPane';

export function ReviewPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'queue' | 'samples'>('queue');
  return (
    <section aria-label={t('review.title')} className="cbd-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('review.title')}
      </Typography.Title>
      <Tabs
        className="cbd-tabs-fill cbd-fill"
        activeKey={tab}
        onChange={(k) => setTab(k as 'queue' | 'samples')}
        items={[
          { key: 'queue', label: t('review.tabQueue'), children: <ReviewQueue /> },
          {
            key: 'samples',
            label: t('review.tabSamples'),
            children: (
              <div style={{ height: '100%', overflow: 'auto' }}>
                <SamplesPane />
              </div>
            ),
          },
        ]}
      />
    </section>
  );
}
