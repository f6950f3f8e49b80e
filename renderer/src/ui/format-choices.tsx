// A dialog's "Format" radio group: one choice per format, its label and a hint of what reads it. The
// New store, Save As and Export dialogs each offer their own formats through it.

export interface FormatChoice<T extends string> {
  readonly id: T;
  readonly label: string;
  readonly hint: string;
}

export interface FormatChoicesProps<T extends string> {
  /** Names the radio group (unique per dialog). */
  readonly name: string;
  readonly options: readonly FormatChoice<T>[];
  readonly value: T;
  readonly onChange: (value: T) => void;
}

export function FormatChoices<T extends string>({ name, options, value, onChange }: FormatChoicesProps<T>) {
  return (
    <fieldset className="choice-group">
      <legend className="field-label">Format</legend>
      {options.map((option) => (
        <label key={option.id} className="choice">
          <input type="radio" name={name} checked={value === option.id} onChange={() => onChange(option.id)} />
          {option.label} <span className="choice-hint">{option.hint}</span>
        </label>
      ))}
    </fieldset>
  );
}
