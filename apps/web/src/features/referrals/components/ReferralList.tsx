import { Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import type { PartnerReferral } from '../utils/referral-views';
import { ReferralCard } from './ReferralCard';

/** A titled list of referrals (a section of a page). Empty, it says `empty`, or is left out without it. */
export function ReferralList({
  title,
  referrals,
  linkTo,
  empty,
}: {
  title: string;
  referrals: PartnerReferral[];
  linkTo: (id: string) => string;
  empty?: string;
}) {
  const headingId = useId();
  if (referrals.length === 0 && !empty) return null;
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId} mb="xs">
        {title}
      </Title>
      {referrals.length === 0 ? (
        <Text c="dimmed" mb="md">
          {empty}
        </Text>
      ) : (
        <Stack component="ul" gap="sm" mb="lg" className="referral-list">
          {referrals.map((referral) => (
            <ReferralCard key={referral.id} referral={referral} to={linkTo(referral.id)} />
          ))}
        </Stack>
      )}
    </section>
  );
}
