import { Chip, Fieldset } from '@mantine/core';

/** A few choices as thumb-sized chips in a grid (several may be picked), under a legend that names the group. */
export function TouchChoices<T extends string>({
  legend,
  options,
  label,
  value,
  onChange,
}: {
  legend: string;
  options: readonly T[];
  label: (option: T) => string;
  value: T[];
  onChange: (value: T[]) => void;
}) {
  return (
    <Fieldset legend={legend} variant="unstyled" className="touch-fieldset">
      <Chip.Group multiple value={value} onChange={(picked) => onChange(picked as T[])}>
        <div className="chip-grid">
          {options.map((option) => (
            <Chip key={option} value={option} classNames={{ label: 'touch-chip' }} size="lg" radius="md">
              {label(option)}
            </Chip>
          ))}
        </div>
      </Chip.Group>
    </Fieldset>
  );
}
