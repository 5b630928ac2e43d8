/** Empty state for pages later issues fill: says what the page will do and what to do now. */
import { Button, Empty, Typography } from 'antd';
import { useNavigate } from 'react-router';

export function PlaceholderPage(props: {
  title: string;
  text: string;
  action?: { label: string; to: string } | undefined;
}) {
  const navigate = useNavigate();
  return (
    <section aria-label={props.title}>
      <Typography.Title level={4}>{props.title}</Typography.Title>
      <Empty description={props.text} style={{ marginTop: 64 }}>
        {props.action && (
          <Button type="primary" onClick={() => void navigate(props.action!.to)}>
            {props.action.label}
          </Button>
        )}
      </Empty>
    </section>
  );
}
