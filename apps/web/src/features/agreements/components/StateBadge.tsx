import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgreementState } from '../utils/agreement-views';

const COLOR: Record<AgreementState, string> = {
  draft: 'gray',
  proposed: 'blue',
  in_force: 'green',
  suspended: 'orange',
  expired: 'gray',
  terminated: 'red',
};

/** Where an agreement stands, in words (the tone only repeats them; dark text on every tone for contrast). */
export function StateBadge({ state }: { state: AgreementState }) {
  const { t } = useTranslation('agreements');
  return (
    <Badge color={COLOR[state]} variant="light" c="dark.9" className="agreement-state">
      {t(`state.${state}`)}
    </Badge>
  );
}
