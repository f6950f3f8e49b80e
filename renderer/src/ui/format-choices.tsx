// A dialog's radio group ("Format" unless told): one choice per option, its label and a hint. The New
// store, Save As and Export dialogs offer their formats through it, the Connection dialog its proxies.

export interface FormatChoice<T extends string> {
  readonly id: T;
  readonly label: string;
  readonly hint: string;
}

export interface FormatChoicesProps<T extends string> {
  /** Names the radio group (unique per dialog). */
  readonly name: string;
  readonly options: readonly FormatChoice<T>[];
  /** The chosen option; none is shown checked while it is undefined. */
  readonly value: T | undefined;
  readonly onChange: (value: T) => void;
  readonly legend?: string;
  readonly disabled?: boolean;
}

export function FormatChoices<T extends string>({ name, options, value, onChange, legend = 'Format', disabled }: FormatChoicesProps<T>) {
  return (
    <fieldset className="choice-group" disabled={disabled}>
      <legend className="field-label">{legend}</legend>
      {options.map((option) => (
        <label key={option.id} className="choice">
          <input type="radio" name={name} checked={value === option.id} onChange={() => onChange(option.id)} />
          {option.label} <span className="choice-hint">{option.hint}</span>
        </label>
      ))}
    </fieldset>
  );
}
