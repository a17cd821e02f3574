import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isIncidentField } from '../utils/fields';

/** What the agreement kept from this organization, in plain words, and what never leaves the police record at all. */
export function WithheldFields({ fieldsWithheld }: { fieldsWithheld: string[] }) {
  const { t } = useTranslation('inbox');
  return (
    <>
      {fieldsWithheld.length === 0 ? (
        <Text mb="xs">{t('alert.withheldNone')}</Text>
      ) : (
        <>
          <Text mb={4}>{t('alert.withheldIntro')}</Text>
          <List mb="xs" className="withheld-list">
            {fieldsWithheld.map((field) => (
              <List.Item key={field}>{isIncidentField(field) ? t(`fields.${field}`) : field}</List.Item>
            ))}
          </List>
        </>
      )}
      <Text size="sm" c="dimmed">
        {t('alert.neverShared')}
      </Text>
    </>
  );
}
