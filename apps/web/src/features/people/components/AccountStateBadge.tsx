import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { accountStateOf, type Person } from '../utils/people-views';

const COLORS = { active: 'green', invited: 'blue', locked: 'orange', disabled: 'gray' } as const;

/** The account's state in words (the colour only repeats them). */
export function AccountStateBadge({ person }: { person: Pick<Person, 'status' | 'locked'> }) {
  const { t } = useTranslation('people');
  const state = accountStateOf(person);
  return (
    <Badge color={COLORS[state]} variant="light" c="dark.9" className="people-state">
      {t(`state.${state}`)}
    </Badge>
  );
}
