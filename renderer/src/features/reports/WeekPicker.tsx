/**
 * ISO week picker: antd's week DatePicker with Monday-first rows in both languages (zh-CN already
 * starts weeks on Monday; English uses the en-GB calendar, which does too and numbers weeks the
 * ISO way), plus previous/next week buttons for the keyboard. Weeks after the current one are disabled.
 */
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, DatePicker, Space, Tooltip } from 'antd';
import enGB from 'antd/es/date-picker/locale/en_GB';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/en-gb';
import { useTranslation } from 'react-i18next';
import { addWeeks, isoWeekOf, weekRange } from '../../../../shared/domain/weeks';
import { useReportFormats } from './reportFormat';

export function WeekPicker(props: { week: string; current: string; onChange(week: string): void }) {
  const { t, i18n } = useTranslation();
  const f = useReportFormats();
  const from = weekRange(props.week)?.from ?? weekRange(props.current)!.from;
  const lastDay = weekRange(props.current)!.to;
  return (
    <Space.Compact>
      <Tooltip title={t('reports.prevWeek')}>
        <Button
          icon={<LeftOutlined />}
          aria-label={t('reports.prevWeek')}
          onClick={() => props.onChange(addWeeks(props.week, -1))}
        />
      </Tooltip>
      <DatePicker
        id="reports-week"
        aria-label={t('reports.week')}
        picker="week"
        allowClear={false}
        inputReadOnly
        value={dayjs(from)}
        format={(d: Dayjs) => f.week(isoWeekOf(d.format('YYYY-MM-DD')))}
        disabledDate={(d: Dayjs) => d.format('YYYY-MM-DD') > lastDay}
        onChange={(d: Dayjs | null) => d && props.onChange(isoWeekOf(d.format('YYYY-MM-DD')))}
        {...(i18n.language === 'en' ? { locale: enGB } : {})}
        style={{ width: 272 }}
      />
      <Tooltip title={t('reports.nextWeek')}>
        <Button
          icon={<RightOutlined />}
          aria-label={t('reports.nextWeek')}
          disabled={props.week >= props.current}
          onClick={() => props.onChange(addWeeks(props.week, 1))}
        />
      </Tooltip>
      {props.week !== props.current && (
        <Button autoInsertSpace={false} onClick={() => props.onChange(props.current)}>
          {t('reports.thisWeek')}
        </Button>
      )}
    </Space.Compact>
  );
}
