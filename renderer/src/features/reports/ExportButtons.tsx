/**
 * 导出周报 (XLSX) and 导出明细 (CSV) for the chosen week, in the UI language; saved as a download.
 * Each export is a mutation (one file per click, nothing cached, nothing to reload).
 */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/i18n/index';
import type { AppErrorShape } from '../../../../shared/result';
import { shownError, useChannelMutation } from '../../app/query';
import { downloadBase64 } from '../../ui/download';

const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
} as const;

export function ExportButtons(props: { week: string; onError(e: AppErrorShape | null): void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const exporting = useChannelMutation('reports.weekly');
  const busy = exporting.isPending ? (exporting.variables?.format ?? null) : null;
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';

  const run = async (format: 'xlsx' | 'csv') => {
    props.onError(null);
    try {
      const file = await exporting.mutateAsync({ week: props.week, format, language });
      downloadBase64(file.fileName, file.base64, MIME[format]);
      message.success(t('reports.exported', { file: file.fileName }));
    } catch (e) {
      props.onError(shownError(e));
    }
  };

  return (
    <Space wrap size={8}>
      <Button
        type="primary"
        icon={<DownloadOutlined />}
        loading={busy === 'xlsx'}
        disabled={busy !== null && busy !== 'xlsx'}
        onClick={() => void run('xlsx')}
      >
        {t('reports.exportWeekly')}
      </Button>
      <Button
        icon={<DownloadOutlined />}
        loading={busy === 'csv'}
        disabled={busy !== null && busy !== 'csv'}
        onClick={() => void run('csv')}
      >
        {t('reports.exportDetails')}
      </Button>
    </Space>
  );
}
