/**
 * A settings card whose form edits a value as it is stored now: the card reads it when it opens
 * and renders the form only from that read, never from an older cached one (another admin may have
 * changed it since), with the card's loading and error states meanwhile.
 */
import { Card } from 'antd';
import type { ReactNode } from 'react';
import type { ChannelInput, ChannelOutput } from '../../../../shared/contract';
import { shownError, useChannel } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';

type RulesChannel = 'settings.taskRules' | 'settings.callRules';

export function StoredValue<C extends RulesChannel>(props: {
  channel: C;
  title: string;
  children: (stored: ChannelOutput<C>) => ReactNode;
}) {
  const read = useChannel(props.channel, {} as ChannelInput<C>);
  const error = shownError(read.error);
  if (error || !read.data || !read.isFetchedAfterMount)
    return (
      <Card title={props.title} loading={!error}>
        <ErrorAlert error={error} />
      </Card>
    );
  return props.children(read.data);
}
