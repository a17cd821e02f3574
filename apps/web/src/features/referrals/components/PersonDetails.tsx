import { Button, List, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type PartnerReferral, releasedFields, riskFactorItems, telephoneHref } from '../utils/referral-views';

/**
 * The person as the agreement releases them to this organization: exactly the fields and values
 * the API returned (it opens the sealed copy), nothing added, nothing guessed for what is withheld.
 */
export function PersonDetails({ referral }: { referral: PartnerReferral }) {
  const { t } = useTranslation('referrals');
  const fields = releasedFields(referral.person);
  const contact = referral.person.contact;
  const dial = contact ? telephoneHref(contact) : null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="referral-person" mb="md">
      <Title order={2} size="h4" id="referral-person" mb="xs">
        {t('detail.person')}
      </Title>
      {dial && contact && (
        <Button component="a" href={dial} fullWidth mb="sm" size="md">
          {t('detail.call', { contact })}
        </Button>
      )}
      {fields.length === 0 && <Text mb="xs">{t('detail.nothingReleased')}</Text>}
      <dl className="referral-fields">
        {fields.map(({ field, value }) => (
          <div key={field}>
            <dt>{t(`fields.${field}`)}</dt>
            <dd>
              {field === 'riskFactors' ? (
                <List size="sm">
                  {riskFactorItems(value).map((item, index) => (
                    <List.Item key={index}>{item}</List.Item>
                  ))}
                </List>
              ) : (
                value
              )}
            </dd>
          </div>
        ))}
        <div>
          <dt>{t('detail.consent')}</dt>
          <dd>{referral.consentBasis ? t(`consent.${referral.consentBasis}`) : t('detail.noConsent')}</dd>
        </div>
      </dl>
      {referral.possibleDuplicate && (
        <Text fw={600} mt="sm">
          {t('detail.possibleDuplicate')}
        </Text>
      )}
    </Paper>
  );
}
