import type { FieldErrors } from '../apollo/errors';

interface FormErrorProps {
  message: string;
  fieldErrors: FieldErrors;
  /** Fields the form shows under its own inputs; messages for any other field are listed here. */
  placedFields: readonly string[];
}

/** The form-level error, plus any field messages the form has no input for, so none go unseen. */
export function FormError({ message, fieldErrors, placedFields }: FormErrorProps) {
  const unplaced = Object.entries(fieldErrors).filter(([field]) => !placedFields.includes(field));
  return (
    <div className="form-error" role="alert">
      <p>{message}</p>
      {unplaced.length > 0 && (
        <ul>
          {unplaced.flatMap(([field, messages]) => messages.map((m) => <li key={`${field}:${m}`}>{m}</li>))}
        </ul>
      )}
    </div>
  );
}
