/** Catches a rendering failure and shows a plain message with a way back, never a stack trace. */
import { Button, Result } from 'antd';
import { Component, type ReactNode } from 'react';
import i18next from '../i18n/index';

export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="cbd-center">
        <Result
          status="error"
          title={i18next.t('errors.internal')}
          extra={
            <Button type="primary" onClick={() => window.location.reload()}>
              {i18next.t('common.retry')}
            </Button>
          }
        />
      </div>
    );
  }
}
