import { Alert, NativeSelect, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { areaAt, type LatLng, type MapArea, pointInArea } from '@/lib/service-area-map';
import { ServiceAreaMap } from '@/ui/ServiceAreaMap';

/**
 * Where it happened: a click on the map of the service areas, or (keyboard) an area chosen from the list, which
 * places the point inside it; then the address. The area is derived from the point and shown, never typed.
 */
export function LocationPicker({
  areas,
  point,
  houseNumber,
  street,
  onChange,
}: {
  areas: MapArea[];
  point: LatLng | null;
  houseNumber: string;
  street: string;
  onChange: (change: { point?: LatLng; houseNumber?: string; street?: string }) => void;
}) {
  const { t } = useTranslation('incidents');
  const area = point ? areaAt(areas, point) : undefined;
  if (areas.length === 0) {
    return (
      <Alert color="yellow" variant="light">
        {t('map.noAreas')}
      </Alert>
    );
  }
  return (
    <div className="location-picker">
      <ServiceAreaMap
        areas={areas}
        label={t('map.label')}
        point={point}
        selectedCode={area?.code}
        onPick={(p) => onChange({ point: p })}
      />
      <div className="location-fields">
        <NativeSelect
          label={t('map.keyboard')}
          value={area?.code ?? ''}
          data={[
            { value: '', label: t('map.areaPlaceholder'), disabled: true },
            ...areas.map((a) => ({ value: a.code, label: t('map.areaOption', { code: a.code, name: a.name }) })),
          ]}
          onChange={(e) => {
            const chosen = areas.find((a) => a.code === e.currentTarget.value);
            if (chosen) onChange({ point: pointInArea(chosen) });
          }}
        />
        <Text role="status" aria-live="polite" fw={600} data-testid="derived-area">
          {!point
            ? t('map.notPlaced')
            : area
              ? t('map.derived', { code: area.code, name: area.name })
              : t('map.outside')}
        </Text>
        {point && (
          <Text size="sm" c="dimmed">
            {t('map.placed', { latitude: point.latitude.toFixed(5), longitude: point.longitude.toFixed(5) })}
          </Text>
        )}
        <div className="location-address">
          <TextInput
            label={t('map.houseNumber')}
            value={houseNumber}
            maxLength={7}
            onChange={(e) => onChange({ houseNumber: e.currentTarget.value })}
          />
          <TextInput
            label={t('map.street')}
            required
            value={street}
            maxLength={200}
            onChange={(e) => onChange({ street: e.currentTarget.value })}
          />
        </div>
      </div>
    </div>
  );
}
