import { Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Measures } from '../utils/chart-data';
import { type Tile, tilesOf, valueText } from '../utils/tiles';

function Value({ tile, which }: { tile: Tile; which: 'current' | 'previous' }) {
  const { t } = useTranslation('board');
  const { key, values } = valueText(tile[which]);
  // The keys come from valueText: value.* and duration.* (board.strings.ts).
  return <>{t(key as 'value.none', values)}</>;
}

function Change({ tile }: { tile: Tile }) {
  const { t } = useTranslation('board');
  const before = valueText(tile.previous);
  const previous = t(before.key as 'value.none', before.values);
  if (tile.trend === 'unknown') return <>{t('change.unknown', { previous })}</>;
  if (tile.trend === 'same') return <>{t('change.same')}</>;
  const better = tile.higherIsBetter === null ? null : (tile.trend === 'up') === tile.higherIsBetter;
  const key = tile.trend === 'up' ? 'change.up' : 'change.down';
  return (
    <>
      {t(key, { previous })}
      {better !== null && ` — ${better ? t('change.better') : t('change.worse')}`}
    </>
  );
}

/** Each measure of the period, with the period just before (the same length). */
export function MeasureTiles({ measures, previous }: { measures: Measures; previous: Measures }) {
  const { t } = useTranslation('board');
  return (
    <ul className="board-tiles" aria-label={t('tiles.label')}>
      {tilesOf(measures, previous).map((tile) => (
        <Paper component="li" withBorder p="sm" key={tile.key} className="board-tile">
          <Text size="sm" fw={600}>
            {t(`tile.${tile.key}`)}
          </Text>
          <Text size="xl" fw={700}>
            <Value tile={tile} which="current" />
          </Text>
          <Text size="xs" c="dimmed">
            <Change tile={tile} />
          </Text>
        </Paper>
      ))}
    </ul>
  );
}
