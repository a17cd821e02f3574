import { Checkbox, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Problem, problemsAt } from '../utils/agreement-views';
import { useOwnPeople } from '../api/agreements-api';
import { useProblemText } from './words';

type Person = NonNullable<ReturnType<typeof useOwnPeople>['data']>[number];

function nameOf(person: Person | undefined, t: (key: 'board.unnamed', values: { email: string }) => string) {
  return person?.displayName || t('board.unnamed', { email: person?.email ?? '' });
}

/**
 * The board members a version names. The API gives ids only; the admin's own organization's people are named from
 * GET /users, the other party's are not the admin's to look up (they stay "a board member of the other party").
 */
export function BoardMemberList({ ids }: { ids: string[] }) {
  const { t } = useTranslation('agreements');
  const people = useOwnPeople();
  if (ids.length === 0) return <Text size="sm">{t('board.none')}</Text>;
  return (
    <List size="sm">
      {ids.map((id) => {
        const person = people.data?.find((p) => p.id === id);
        return (
          <List.Item key={id}>{person ? t('board.yours', { name: nameOf(person, t) }) : t('board.theirs')}</List.Item>
        );
      })}
    </List>
  );
}

/**
 * In a draft: which of the organization's board members the version names (PATCH boardMemberIds). The other
 * party's choices are kept as they are; the API checks on proposal that each is an enabled board member of a party.
 */
export function BoardMemberChoice({
  ids,
  onChange,
  problems,
}: {
  ids: string[];
  onChange: (ids: string[]) => void;
  problems: Problem[];
}) {
  const { t } = useTranslation('agreements');
  const describe = useProblemText();
  const people = useOwnPeople();
  const candidates = (people.data ?? []).filter(
    (p) => p.id && p.roles?.includes('board_member') && p.status !== 'disabled',
  );
  const own = new Set((people.data ?? []).map((p) => p.id));
  const theirs = ids.filter((id) => !own.has(id));
  const error = problemsAt(problems, 'boardMemberIds', true).map(describe).join(' ') || undefined;
  return (
    <Stack gap={4}>
      {candidates.length === 0 ? (
        <Text size="sm">{t('board.noCandidates')}</Text>
      ) : (
        <Checkbox.Group
          label={t('board.choose')}
          description={t('board.chooseHelp')}
          value={ids.filter((id) => own.has(id))}
          onChange={(chosen) => onChange([...theirs, ...chosen])}
          error={error}
        >
          <Stack gap={4} mt={4}>
            {candidates.map((person) => (
              <Checkbox key={person.id} value={person.id!} label={nameOf(person, t)} />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
      {theirs.length > 0 && <BoardMemberList ids={theirs} />}
    </Stack>
  );
}
