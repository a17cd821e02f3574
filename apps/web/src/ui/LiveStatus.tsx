import { Alert, Button, Group, Text, VisuallyHidden } from '@mantine/core';
import type { InboxStreamStatus } from '@/lib/inbox-stream';
import './live-status.css';

/** The feature's words for each state of the stream, and for the button that reconnects. */
export type LiveStatusWords = Record<InboxStreamStatus | 'reconnect', string>;

/**
 * Whether a list updates by itself right now, in the feature's words (a dot whose colour only repeats
 * them), announced politely when it changes. What just came in is announced too: `announce` to screen
 * readers only (the list itself shows it), `arrived` as a visible note as well.
 */
export function LiveStatus({
  status,
  onReconnect,
  words,
  announce,
  arrived,
}: {
  status: InboxStreamStatus;
  onReconnect: () => void;
  words: LiveStatusWords;
  announce?: string;
  arrived?: string;
}) {
  return (
    <>
      <Group gap="xs" wrap="nowrap" align="center" className={`live-status live-status-${status}`} mb="md">
        <span className="live-dot" aria-hidden />
        <Text size="sm" role="status" flex={1}>
          {words[status]}
          {announce && <VisuallyHidden> {announce}</VisuallyHidden>}
        </Text>
        {status === 'stopped' && (
          <Button size="compact-sm" variant="default" onClick={onReconnect}>
            {words.reconnect}
          </Button>
        )}
      </Group>
      <div role="status">
        {arrived && (
          <Alert color="blue" variant="light" mb="md">
            {arrived}
          </Alert>
        )}
      </div>
    </>
  );
}
