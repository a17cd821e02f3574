import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '@/lib/use-date-time';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { useRemoveWebhook } from '../api/webhooks-api';
import { deliveryState, type Webhook } from '../utils/webhook-views';

/** Each webhook: its URL, when it was added, its last deliveries; delete after a confirmation. */
export function WebhookList({ webhooks, onRemoved }: { webhooks: readonly Webhook[]; onRemoved: () => void }) {
  const { t } = useTranslation('webhooks');
  const dateTime = useDateTime();
  const remove = useRemoveWebhook();
  const [asking, setAsking] = useState<Webhook | null>(null);
  const confirm = () =>
    asking &&
    remove.mutate(asking.id, {
      onSuccess: () => {
        setAsking(null);
        onRemoved();
      },
      onError: () => setAsking(null),
    });
  return (
    <section aria-labelledby="webhooks-heading">
      <Title order={2} size="h3" id="webhooks-heading" mb="sm">
        {t('list.heading')}
      </Title>
      <ErrorAlert error={remove.error ?? undefined} />
      {webhooks.length === 0 ? (
        <Text c="dimmed">{t('list.empty')}</Text>
      ) : (
        <Stack gap="md" component="ul" className="webhook-list">
          {webhooks.map((webhook) => (
            <Paper withBorder p="md" component="li" key={webhook.id}>
              <Group justify="space-between" align="flex-start" gap="xs">
                <div className="webhook-who">
                  <Text fw={600} className="webhook-url">
                    {webhook.url}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('list.added', { date: dateTime(String(webhook.createdAt)) })}
                  </Text>
                </div>
                <Group gap="xs">
                  <Badge color={webhook.enabled ? 'green' : 'gray'} variant="light" c="dark.9">
                    {webhook.enabled ? t('list.enabled') : t('list.paused')}
                  </Badge>
                  <Button
                    variant="default"
                    color="red"
                    size="xs"
                    aria-label={t('remove.label', { url: webhook.url })}
                    onClick={() => setAsking(webhook)}
                  >
                    {t('remove.button')}
                  </Button>
                </Group>
              </Group>
              {(webhook.lastDeliveries ?? []).length === 0 ? (
                <Text size="sm" mt="sm">
                  {t('deliveries.none')}
                </Text>
              ) : (
                // Scrolls sideways on a phone; focusable so a keyboard can scroll it too (nothing inside takes focus).
                <div
                  className="webhook-deliveries"
                  tabIndex={0}
                  role="region"
                  aria-label={t('deliveries.caption', { url: webhook.url })}
                >
                  <Table striped withTableBorder miw={560}>
                    <Table.Caption>{t('deliveries.caption', { url: webhook.url })}</Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('deliveries.when')}</Table.Th>
                        <Table.Th scope="col">{t('deliveries.state')}</Table.Th>
                        <Table.Th scope="col">{t('deliveries.attempts')}</Table.Th>
                        <Table.Th scope="col">{t('deliveries.error')}</Table.Th>
                        <Table.Th scope="col">{t('deliveries.id')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {(webhook.lastDeliveries ?? []).map((delivery) => {
                        const state = deliveryState(delivery);
                        return (
                          <Table.Tr key={delivery.deliveryId}>
                            <Table.Td>{dateTime(String(delivery.createdAt))}</Table.Td>
                            <Table.Td>
                              {state === 'delivered'
                                ? t('deliveries.delivered', {
                                    date: dateTime(String(delivery.sentAt ?? delivery.createdAt)),
                                  })
                                : t(`deliveries.${state}`)}
                            </Table.Td>
                            <Table.Td>{delivery.attempts}</Table.Td>
                            <Table.Td>{delivery.lastErrorCode ?? t('deliveries.noError')}</Table.Td>
                            <Table.Td>
                              <code className="webhook-delivery-id">{delivery.deliveryId}</code>
                            </Table.Td>
                          </Table.Tr>
                        );
                      })}
                    </Table.Tbody>
                  </Table>
                </div>
              )}
            </Paper>
          ))}
        </Stack>
      )}
      <Text size="sm" c="dimmed" mt="sm">
        {t('deliveries.checkpoints')}
      </Text>
      <Modal
        opened={asking !== null}
        onClose={() => setAsking(null)}
        title={t('remove.title')}
        centered
        lockScroll={false}
      >
        <Text size="sm" mb="md" className="webhook-url">
          {t('remove.body', { url: asking?.url ?? '' })}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setAsking(null)}>
            {t('remove.cancel')}
          </Button>
          <Button color="red" onClick={confirm} loading={remove.isPending}>
            {t('remove.confirm')}
          </Button>
        </Group>
      </Modal>
    </section>
  );
}
